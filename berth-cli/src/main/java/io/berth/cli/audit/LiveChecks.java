package io.berth.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ListenerSettings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The running broker against its configuration: which listeners actually run (from the management endpoint's
 * {@code GET /api/v5/listeners}), and which differ from the config the other checks looked at (listeners can be
 * started, stopped and changed at runtime).
 */
final class LiveChecks {

    List<Finding> run(BrokerConfig config, JsonNode listeners, String endpoint) {
        List<Finding> out = new ArrayList<>();
        List<String> running = new ArrayList<>();
        Set<String> runningIds = new HashSet<>();
        for (JsonNode l : listeners) {
            if (!l.path("running").asBoolean()) {
                continue;
            }
            String id = l.path("id").asText();
            String bind = l.path("bind").asText();
            runningIds.add(id);
            running.add(id + " " + bind + " (port " + l.path("port").asText() + ")");
            Optional<ListenerSettings> configured = config.allListeners().stream()
                    .filter(c -> c.id().equals(id) && c.enabled()).findFirst();
            if (configured.isEmpty()) {
                out.add(new Finding(Severity.MEDIUM, "live_not_in_config", id, "running on " + bind + " but not "
                        + "enabled in the config (started at runtime): the checks above did not cover it, and it will "
                        + "not run after a restart", "add it to the config file, or stop it with `berth ctl "
                        + "listeners stop " + id + "`"));
            } else if (!configured.get().bind().equals(bind)) {
                out.add(new Finding(Severity.MEDIUM, "live_bind_differs", id, "running on " + bind + ", but the "
                        + "config says " + configured.get().bind() + ": the checks above looked at the config",
                        "make the config and the running broker agree (restart it, or change the config)"));
            }
        }
        for (ListenerSettings c : config.allListeners()) {
            if (c.enabled() && !runningIds.contains(c.id())) {
                out.add(new Finding(Severity.INFO, "live_not_running", c.id(), "enabled in the config but not "
                        + "running (stopped at runtime, or it failed to start: see the broker's log)",
                        "start it with `berth ctl listeners start " + c.id() + "` if it should run"));
            }
        }
        out.add(new Finding(Severity.INFO, "live_listeners", endpoint, running.isEmpty()
                ? "no listener is running" : "running listeners: " + String.join(", ", running),
                "none needed: this is what clients can reach now"));
        return out;
    }
}
