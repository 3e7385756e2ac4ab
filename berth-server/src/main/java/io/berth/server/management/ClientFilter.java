package io.berth.server.management;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The filters of {@code GET /api/v5/clients}, EMQX's query parameters: {@code clientid}, {@code username},
 * {@code ip_address}, {@code conn_state} (connected, disconnected), {@code proto_ver} (3, 4, 5, or 3.1, 3.1.1,
 * 5.0), {@code like_clientid} and {@code like_username} (substring). Every given filter must match.
 */
final class ClientFilter implements Predicate<ClientView> {

    private final String clientId;
    private final String username;
    private final String ipAddress;
    private final String connState;
    private final Integer protoVer;
    private final String likeClientId;
    private final String likeUsername;

    private ClientFilter(ApiRequest r) {
        clientId = r.query("clientid");
        username = r.query("username");
        ipAddress = r.query("ip_address");
        connState = connState(r.query("conn_state"));
        protoVer = protoVer(r.query("proto_ver"));
        likeClientId = r.query("like_clientid");
        likeUsername = r.query("like_username");
    }

    /**
     * The filters of a request.
     *
     * @throws ApiException 400 naming the parameter when conn_state or proto_ver has an unknown value
     */
    static ClientFilter of(ApiRequest r) {
        return new ClientFilter(r);
    }

    @Override
    public boolean test(ClientView c) {
        return (clientId == null || clientId.equals(c.clientId()))
                && (username == null || username.equals(c.username()))
                && (ipAddress == null || ipAddress.equals(c.ipAddress()))
                && (connState == null || connState.equals(c.connState()))
                && (protoVer == null || protoVer == c.protoVer())
                && (likeClientId == null || c.clientId().contains(likeClientId))
                && (likeUsername == null || (c.username() != null && c.username().contains(likeUsername)));
    }

    private static String connState(String v) {
        if (v == null) {
            return null;
        }
        String s = v.toLowerCase(Locale.ROOT);
        if (!s.equals("connected") && !s.equals("disconnected")) {
            throw new ApiException(400, "BAD_REQUEST", "query parameter conn_state must be connected or "
                    + "disconnected, got \"" + v + "\"");
        }
        return s;
    }

    private static Integer protoVer(String v) {
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "3", "3.1" -> 3;
            case "4", "3.1.1" -> 4;
            case "5", "5.0" -> 5;
            default -> throw new ApiException(400, "BAD_REQUEST", "query parameter proto_ver must be 3, 4 or 5 "
                    + "(3.1, 3.1.1, 5.0), got \"" + v + "\"");
        };
    }
}
