package io.berth.server.management;

import io.berth.codec.TopicNames;
import io.berth.core.Message;
import io.berth.core.retain.RetainedStore;
import io.netty.buffer.ByteBufUtil;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retained messages, on EMQX's retainer paths:
 * <pre>
 * GET    /api/v5/mqtt/retainer/messages          list (paging; topic = a topic filter, default #)
 * GET    /api/v5/mqtt/retainer/message/{topic}   one message with its payload in base64 (topic URL-encoded)
 * DELETE /api/v5/mqtt/retainer/message/{topic}   remove it (from the durable store too when durability is on)
 * </pre>
 * Listing copies payloads and deleting may write to disk, so the routes run on the management executor.
 */
final class RetainedApi {

    private final RetainedStore retained;
    private final Clock clock;

    RetainedApi(RetainedStore retained, Clock clock) {
        this.retained = retained;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", "/api/v5/mqtt/retainer/messages", this::list, true)
                .describe("List retained messages whose topic matches a filter (default #, which leaves out "
                        + "topics starting with $), sorted by topic", "{data: [{topic, qos, publish_at, "
                        + "from_clientid, payload_size}], meta}", Router.PAGING, "topic");
        router.add("GET", "/api/v5/mqtt/retainer/message/{topic}", this::show, true)
                .describe("One retained message by its topic (URL-encoded, e.g. a%2Fb), payload in base64",
                        "{topic, qos, publish_at, from_clientid, payload_size, payload}; 404 NOT_FOUND");
        router.add("DELETE", "/api/v5/mqtt/retainer/message/{topic}", this::delete, true)
                .describe("Remove the retained message of a topic, from the durable store too",
                        "204; 404 NOT_FOUND");
    }

    private ApiResponse list(ApiRequest r) {
        Paging paging = Paging.of(r);
        String filter = r.query("topic") == null ? "#" : r.query("topic");
        if (!TopicNames.isValidTopicFilter(filter) || TopicNames.isShared(filter)) {
            throw new ApiException(400, "BAD_REQUEST", "query parameter topic must be a topic filter without "
                    + "$share/, got \"" + filter + "\"");
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (Message m : retained.match(filter, clock.millis())) {
            try {
                all.add(json(m, false));
            } finally {
                m.release();
            }
        }
        all.sort(Comparator.comparing(m -> (String) m.get("topic")));
        return ApiResponse.ok(paging.apply(all));
    }

    private ApiResponse show(ApiRequest r) {
        Message m = retained.get(r.param("topic"));
        if (m == null || m.isExpired(clock.millis())) {
            if (m != null) {
                m.release();
            }
            throw notFound(r);
        }
        try {
            return ApiResponse.ok(json(m, true));
        } finally {
            m.release();
        }
    }

    private ApiResponse delete(ApiRequest r) {
        if (!retained.remove(r.param("topic"))) {
            throw notFound(r);
        }
        return new ApiResponse(204, null);
    }

    private static ApiException notFound(ApiRequest r) {
        return new ApiException(404, "NOT_FOUND", "no retained message on topic \"" + r.param("topic") + "\"");
    }

    private static Map<String, Object> json(Message m, boolean withPayload) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("topic", m.topic());
        j.put("qos", m.qos());
        j.put("publish_at", Instant.ofEpochMilli(m.receivedAtMillis()).toString());
        j.put("from_clientid", m.publisherClientId());
        j.put("payload_size", m.payload().readableBytes());
        j.put("expires_at", m.expiresAtMillis() == Message.NEVER_EXPIRES ? null
                : Instant.ofEpochMilli(m.expiresAtMillis()).toString());
        if (withPayload) {
            j.put("payload", Base64.getEncoder().encodeToString(ByteBufUtil.getBytes(m.payload())));
        }
        return j;
    }
}
