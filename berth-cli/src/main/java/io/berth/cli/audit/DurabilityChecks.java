package io.berth.cli.audit;

import io.berth.server.config.BrokerConfig;

import java.util.List;

/** Whether state survives a restart (availability rather than confidentiality, so at most informational). */
final class DurabilityChecks {

    List<Finding> run(BrokerConfig config) {
        if (config.durability().enabled()) {
            return List.of();
        }
        return List.of(new Finding(Severity.INFO, "durability_off", "durability.enable",
                "durability is off: persistent sessions, queued messages and retained messages are lost at a "
                        + "restart", "set durability.enable = true unless losing them is acceptable"));
    }
}
