package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;

/** {@code berth ctl retained list|delete}: the retained messages API ({@code /api/v5/mqtt/retainer/...}). */
@Command(name = "retained", description = "List and delete the retained messages of a running broker. Exit status: "
        + "0 done, 1 refused or unreachable, 2 usage or config error.")
final class RetainedCtlCommand extends CtlSubcommand {

    RetainedCtlCommand(Map<String, String> env, Path defaultConfig) {
        super(env, defaultConfig);
    }

    @Command(name = "list", description = "Print retained messages whose topic matches a filter.")
    int list(@Option(names = "--topic", paramLabel = "FILTER", defaultValue = "#",
                     description = "Topic filter (default: ${DEFAULT-VALUE}, which leaves out $ topics).") String topic,
             @Option(names = "--page", defaultValue = "1") int page,
             @Option(names = "--limit", defaultValue = "100") int limit) {
        String path = "/api/v5/mqtt/retainer/messages?topic=" + ManagementClient.encode(topic) + "&page=" + page
                + "&limit=" + limit;
        return run(client -> print(client.get(path), body -> {
            String format = "%-40s %3s %8s %-24s %s%n";
            out().printf(format, "TOPIC", "QOS", "BYTES", "PUBLISHED", "FROM");
            for (JsonNode m : body.path("data")) {
                out().printf(format, cell(m, "topic"), cell(m, "qos"), cell(m, "payload_size"),
                        cell(m, "publish_at"), cell(m, "from_clientid"));
            }
            out().println(body.path("meta").path("count").asInt() + " retained messages");
        }));
    }

    @Command(name = "delete", description = "Delete the retained message of a topic.")
    int delete(@Parameters(paramLabel = "TOPIC") String topic) {
        return run(client -> {
            client.delete("/api/v5/mqtt/retainer/message/" + ManagementClient.encode(topic));
            out().println("deleted the retained message of " + topic);
        });
    }
}
