package io.berth.cli.audit;

import io.berth.core.auth.AnonymousAccess;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ListenerSettings;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.QuicListenerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Who can reach what: anonymous access and plain-text listeners beyond loopback, and the management endpoint (which
 * has no authentication yet).
 */
final class ListenerChecks {

    private final Predicate<String> loopbackOnly;

    /** @param loopbackOnly whether a bind host is reachable from this machine only ({@link BindAddresses}) */
    ListenerChecks(Predicate<String> loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    List<Finding> run(BrokerConfig config) {
        List<Finding> out = new ArrayList<>();
        for (ListenerSettings listener : config.allListeners()) {
            if (!listener.enabled() || loopbackOnly.test(listener.host())) {
                continue;
            }
            String id = listener.id();
            String key = "listeners." + listener.typeKey() + "." + listener.name();
            boolean plain = listener.typeKey().equals("tcp") || listener.typeKey().equals("ws");
            if (config.authentication().anonymousAccess(id) == AnonymousAccess.ALLOW) {
                if (requiresClientCertificate(listener)) {
                    out.add(new Finding(Severity.LOW, "anonymous_public", id, "allow_anonymous = true on "
                            + listener.bind() + "; clients must present a certificate, but then need no user name",
                            "set " + key + ".allow_anonymous = false, or \"loopback\", unless the certificate is "
                                    + "meant to be the only credential"));
                } else {
                    out.add(new Finding(Severity.HIGH, "anonymous_public", id, "allow_anonymous = true on "
                            + listener.bind() + ": anyone who can reach the port may connect without credentials",
                            "set " + key + ".allow_anonymous = false (or \"loopback\") and create users with "
                                    + "`berth users add`"));
                }
            }
            if (plain) {
                out.add(new Finding(Severity.MEDIUM, "plaintext_public", id, "plain " + listener.typeKey()
                        + " (no TLS) on " + listener.bind() + ": user names, passwords and messages cross the "
                        + "network in clear",
                        "bind " + key + " to 127.0.0.1 (or disable it: " + key + ".enabled = false) and let remote "
                                + "clients use an ssl, wss or quic listener"));
            }
        }
        ManagementConfig management = config.management();
        if (management.enabled() && !loopbackOnly.test(management.host())) {
            out.add(new Finding(Severity.HIGH, "management_public", "dashboard.listeners.http",
                    "the management endpoint is bound to " + management.bind() + " and speaks plain HTTP: "
                            + "administrator passwords, tokens and API keys cross the network in clear",
                    "set dashboard.listeners.http.bind = \"127.0.0.1:" + management.port() + "\" (use an SSH "
                            + "tunnel for remote administration)"));
        }
        return out;
    }

    private static boolean requiresClientCertificate(ListenerSettings listener) {
        if (listener instanceof ListenerConfig l && l.ssl() != null) {
            return l.ssl().verifyPeer() && l.ssl().failIfNoPeerCert();
        }
        if (listener instanceof QuicListenerConfig q) {
            return q.ssl().verifyPeer() && q.ssl().failIfNoPeerCert();
        }
        return false;
    }
}
