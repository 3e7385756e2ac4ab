package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.Map;

/** {@code berth ctl alarms list}: the alarms API ({@code /api/v5/alarms}). */
@Command(name = "alarms", description = "List the alarms of a running broker: active ones first, then cleared ones.")
final class AlarmsCtlCommand extends CtlSubcommand {

    AlarmsCtlCommand(Map<String, String> env, Path defaultConfig) {
        super(env, defaultConfig);
    }

    @Command(name = "list", description = "Print active and cleared alarms.")
    int list() {
        return run(client -> print(client.get("/api/v5/alarms"), body -> {
            String format = "%-8s %-36s %-9s %-22s %s%n";
            out().printf(format, "STATE", "NAME", "SEVERITY", "SINCE", "MESSAGE");
            for (JsonNode a : body.path("data")) {
                boolean active = a.path("activated").asBoolean();
                out().printf(format, active ? "active" : "cleared", cell(a, "name"), cell(a, "severity"),
                        cell(a, active ? "activate_at" : "deactivate_at"), cell(a, "message"));
            }
        }));
    }
}
