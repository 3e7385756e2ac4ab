package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** {@code berth ctl clients list|show|kick}: the clients API ({@code /api/v5/clients}). */
@Command(name = "clients", description = "List, show and kick the clients of a running broker. Exit status: 0 done, "
        + "1 refused or unreachable, 2 usage or config error.")
final class ClientsCtlCommand extends CtlSubcommand {

    ClientsCtlCommand(Map<String, String> env, Path defaultConfig) {
        super(env, defaultConfig);
    }

    @Command(name = "list", description = "Print connected clients and kept sessions, sorted by client id.")
    int list(@Option(names = "--like", paramLabel = "TEXT", description = "Only client ids containing TEXT.")
             String like,
             @Option(names = "--user", paramLabel = "U", description = "Only clients with this MQTT user name "
                     + "(--username is the management login).")
             String username,
             @Option(names = "--state", paramLabel = "connected|disconnected") String state,
             @Option(names = "--page", defaultValue = "1") int page,
             @Option(names = "--limit", defaultValue = "100") int limit) {
        StringBuilder q = new StringBuilder("/api/v5/clients?page=" + page + "&limit=" + limit);
        if (like != null) {
            q.append("&like_clientid=").append(ManagementClient.encode(like));
        }
        if (username != null) {
            q.append("&username=").append(ManagementClient.encode(username));
        }
        if (state != null) {
            q.append("&conn_state=").append(ManagementClient.encode(state));
        }
        return run(client -> print(client.get(q.toString()), body -> {
            String format = "%-32s %-16s %-13s %-16s %-5s %5s %8s%n";
            out().printf(format, "CLIENT ID", "USERNAME", "STATE", "ADDRESS", "PROTO", "SUBS", "QUEUED");
            for (JsonNode c : body.path("data")) {
                out().printf(format, cell(c, "clientid"), cell(c, "username"), cell(c, "conn_state"),
                        cell(c, "ip_address"), cell(c, "proto_ver"), cell(c, "subscriptions_cnt"),
                        cell(c, "mqueue_len"));
            }
            JsonNode meta = body.path("meta");
            out().println(meta.path("count").asInt() + " clients (page " + meta.path("page").asInt() + ", "
                    + meta.path("limit").asInt() + " per page)");
        }));
    }

    @Command(name = "show", description = "Print one client's connection, session and traffic.")
    int show(@Parameters(paramLabel = "CLIENTID") String clientId) {
        return run(client -> {
            JsonNode c = client.get("/api/v5/clients/" + ManagementClient.encode(clientId));
            JsonNode subs = client.get("/api/v5/clients/" + ManagementClient.encode(clientId) + "/subscriptions");
            print(c, body -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    out().printf("%-18s %s%n", f.getKey(), f.getValue().isNull() ? "-" : f.getValue().asText());
                }
                for (JsonNode s : subs) {
                    out().printf("%-18s %s (qos %s)%n", "subscription", s.path("topic").asText(),
                            s.path("qos").asText());
                }
            });
        });
    }

    @Command(name = "kick", description = "Disconnect a connected client (MQTT 5: DISCONNECT 0x98 administrative "
            + "action); its session stays or ends per its expiry interval.")
    int kick(@Parameters(paramLabel = "CLIENTID") String clientId) {
        return run(client -> {
            client.delete("/api/v5/clients/" + ManagementClient.encode(clientId));
            out().println("kicked " + clientId);
        });
    }
}
