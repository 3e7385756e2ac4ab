package io.berth.server.protection;

import io.berth.core.Message;
import io.berth.core.routing.MessageRouter;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Publishes protection events and alarms as JSON under {@code $SYS/brokers/<node>/...} (QoS 0, not retained), for
 * clients the ACL lets subscribe there. Thread-safe: the router is. The router is supplied late: it is built after
 * the protection services it serves.
 */
public final class SysEvents {

    private final Supplier<MessageRouter> router;
    private final String prefix;

    public SysEvents(Supplier<MessageRouter> router, String nodeName) {
        this.router = router;
        this.prefix = "$SYS/brokers/" + nodeName + "/";
    }

    /** Publishes {@code json} to {@code $SYS/brokers/<node>/<suffix>}. */
    public void publish(String suffix, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();
        router.get().publish(new Message(prefix + suffix, 0, false, Unpooled.wrappedBuffer(bytes), null,
                Message.NEVER_EXPIRES, null, now));
    }
}
