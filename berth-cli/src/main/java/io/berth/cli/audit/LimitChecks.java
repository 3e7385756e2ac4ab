package io.berth.cli.audit;

import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ListenerSettings;
import io.berth.server.config.ProtectionConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Limits that protect the broker from floods and guessing: connection rates and the automatic bans. */
final class LimitChecks {

    private final Predicate<String> loopbackOnly;

    LimitChecks(Predicate<String> loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    List<Finding> run(BrokerConfig config) {
        List<Finding> out = new ArrayList<>();
        ProtectionConfig protection = config.protection();
        for (ListenerSettings listener : config.allListeners()) {
            if (!listener.enabled() || listener.typeKey().equals("quic") || loopbackOnly.test(listener.host())) {
                continue; // QUIC listeners have no accept gate yet (docs/operations.md)
            }
            if (protection.listener(listener.id()).maxConnRate() == null) {
                String key = "listeners." + listener.typeKey() + "." + listener.name() + ".max_conn_rate";
                out.add(new Finding(Severity.MEDIUM, "max_conn_rate_infinite", listener.id(),
                        "max_conn_rate = \"infinity\" on " + listener.bind() + ": a connection flood reaches TLS "
                                + "and MQTT unchecked", "set " + key + " (default \"1000/s\"), and consider "
                                + "max_conn_rate_per_ip"));
            }
        }
        if (!protection.bruteForce().enabled()) {
            out.add(new Finding(Severity.MEDIUM, "brute_force_detect_off", "brute_force_detect.enable",
                    "brute-force detection is off: an address may guess passwords without being banned",
                    "set brute_force_detect.enable = true"));
        }
        if (!protection.flapping().enabled()) {
            out.add(new Finding(Severity.LOW, "flapping_detect_off", "flapping_detect.enable",
                    "flapping detection is off: a client reconnecting in a loop is never banned",
                    "set flapping_detect.enable = true"));
        }
        return out;
    }
}
