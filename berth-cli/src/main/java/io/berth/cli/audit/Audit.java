package io.berth.cli.audit;

import io.berth.server.config.BrokerConfig;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** Runs every configuration check and returns the findings, most severe first. */
public final class Audit {

    private final Predicate<String> loopbackOnly;
    private final Clock clock;

    /**
     * @param loopbackOnly whether a bind host is reachable from this machine only
     * @param clock        "now" for certificate expiry
     */
    public Audit(Predicate<String> loopbackOnly, Clock clock) {
        this.loopbackOnly = loopbackOnly;
        this.clock = clock;
    }

    /** Resolving bind hosts with the system resolver, and the system clock. */
    public static Audit standard() {
        return new Audit(BindAddresses::loopbackOnly, Clock.systemUTC());
    }

    public List<Finding> run(BrokerConfig config) {
        List<Finding> out = new ArrayList<>();
        out.addAll(new ListenerChecks(loopbackOnly).run(config));
        out.addAll(new AuthorizationChecks().run(config));
        out.addAll(new CipherChecks().run(config));
        out.addAll(new CertificateChecks(clock).run(config));
        out.addAll(new LimitChecks(loopbackOnly).run(config));
        out.addAll(new DurabilityChecks().run(config));
        out.addAll(new AdministratorChecks().run());
        out.sort(Comparator.comparing(Finding::severity));
        return List.copyOf(out);
    }

    /** 1 when any finding is high (a deployment gate fails), else 0. */
    public static int exitCode(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.HIGH) ? 1 : 0;
    }
}
