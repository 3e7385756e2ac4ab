package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;

/** {@code berth ctl banned list|add|delete}: the bans API ({@code /api/v5/banned}). */
@Command(name = "banned", description = "List, add and lift bans of a running broker. Exit status: 0 done, 1 refused "
        + "or unreachable, 2 usage or config error.")
final class BannedCtlCommand extends CtlSubcommand {

    BannedCtlCommand(Map<String, String> env, Path defaultConfig) {
        super(env, defaultConfig);
    }

    @Command(name = "list", description = "Print every ban.")
    int list() {
        return run(client -> print(client.get("/api/v5/banned"), body -> {
            String format = "%-9s %-28s %-22s %-22s %s%n";
            out().printf(format, "AS", "WHO", "AT", "UNTIL", "REASON");
            for (JsonNode b : body.path("data")) {
                out().printf(format, cell(b, "as"), cell(b, "who"), cell(b, "at"), cell(b, "until"),
                        cell(b, "reason"));
            }
        }));
    }

    @Command(name = "add", description = "Ban a client id, user name or address (connected clients it matches are "
            + "disconnected).")
    int add(@Option(names = "--as", required = true, paramLabel = "clientid|username|peerhost") String as,
            @Option(names = "--who", required = true, paramLabel = "WHO") String who,
            @Option(names = "--reason", paramLabel = "TEXT") String reason,
            @Option(names = "--until", paramLabel = "INSTANT", description = "When the ban ends, e.g. "
                    + "2026-12-31T00:00:00Z (default: never).") String until) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("as", as).put("who", who).put("by", "berth ctl");
        if (reason != null) {
            body.put("reason", reason);
        }
        if (until != null) {
            body.put("until", until);
        }
        return run(client -> print(client.post("/api/v5/banned", body),
                b -> out().println("banned " + cell(b, "as") + " " + cell(b, "who"))));
    }

    @Command(name = "delete", description = "Lift a ban.")
    int delete(@Parameters(index = "0", paramLabel = "AS") String as,
               @Parameters(index = "1", paramLabel = "WHO") String who) {
        return run(client -> {
            client.delete("/api/v5/banned/" + ManagementClient.encode(as) + "/" + ManagementClient.encode(who));
            out().println("lifted the ban of " + as + " " + who);
        });
    }
}
