package io.berth.cli.audit;

import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ListenerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The TLS 1.2 cipher suites of each ssl and wss listener. Versions need no check: the config loader refuses anything
 * below TLS 1.2, and TLS 1.3's suites are all sound. QUIC is TLS 1.3 only.
 */
final class CipherChecks {

    List<Finding> run(BrokerConfig config) {
        List<Finding> out = new ArrayList<>();
        for (ListenerConfig listener : config.enabledListeners()) {
            if (listener.ssl() == null) {
                continue;
            }
            String key = "listeners." + listener.type().key() + "." + listener.name() + ".ssl_options.ciphers";
            List<String> broken = new ArrayList<>();
            List<String> noForwardSecrecy = new ArrayList<>();
            List<String> cbc = new ArrayList<>();
            for (String suite : listener.ssl().ciphers()) {
                switch (classify(suite)) {
                    case BROKEN -> broken.add(suite);
                    case NO_FORWARD_SECRECY -> noForwardSecrecy.add(suite);
                    case CBC -> cbc.add(suite);
                    case SOUND -> { }
                }
            }
            if (!broken.isEmpty()) {
                out.add(new Finding(Severity.HIGH, "tls_cipher_broken", listener.id(), "broken cipher suites "
                        + broken + " (no encryption or authentication, export-grade, RC4, DES/3DES or MD5)",
                        "remove them from " + key + " (the default list is forward-secret AEAD suites only)"));
            }
            if (!noForwardSecrecy.isEmpty()) {
                out.add(new Finding(Severity.MEDIUM, "tls_cipher_no_forward_secrecy", listener.id(),
                        "cipher suites without forward secrecy " + noForwardSecrecy + ": a stolen server key "
                                + "decrypts recorded traffic",
                        "remove them from " + key + "; keep ECDHE suites"));
            }
            if (!cbc.isEmpty()) {
                out.add(new Finding(Severity.LOW, "tls_cipher_cbc", listener.id(), "CBC-mode cipher suites " + cbc
                        + " (padding-oracle attacks; no AEAD)", "prefer AES-GCM or ChaCha20-Poly1305 suites in "
                        + key));
            }
        }
        return out;
    }

    enum Strength { BROKEN, NO_FORWARD_SECRECY, CBC, SOUND }

    /** How good an IANA cipher suite name ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}) is. */
    static Strength classify(String suite) {
        String s = suite.toUpperCase(Locale.ROOT);
        if (s.contains("_NULL_") || s.endsWith("_NULL") || s.contains("_ANON_") || s.contains("EXPORT")
                || s.contains("RC4") || s.contains("_DES_") || s.contains("DES40") || s.contains("3DES")
                || s.contains("DES_EDE") || s.endsWith("_MD5") || s.contains("IDEA")) {
            return Strength.BROKEN;
        }
        boolean tls13 = !s.contains("_WITH_");
        if (tls13) {
            return Strength.SOUND;
        }
        if (!(s.startsWith("TLS_ECDHE_") || s.startsWith("TLS_DHE_"))) {
            return Strength.NO_FORWARD_SECRECY;
        }
        return s.contains("_CBC_") ? Strength.CBC : Strength.SOUND;
    }
}
