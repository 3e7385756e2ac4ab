package io.berth.client;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Packet Identifiers in use on one connection (spec 2.2.1), each with what waits for its acknowledgement: an
 * {@link OutboundPublish} or a SUBSCRIBE/UNSUBSCRIBE request. An identifier is free again once its flow ends
 * (MQTT-2.2.1-3). Event loop only.
 */
final class PacketIds {

    private final IntObjectMap<Object> inUse = new IntObjectHashMap<>();
    private int last;

    /** Reserves a free identifier for {@code pending}; returns 0 when all 65,535 are in use. */
    int allocate(Object pending) {
        if (inUse.size() >= 65_535) {
            return 0;
        }
        do {
            last = last == 65_535 ? 1 : last + 1;
        } while (inUse.containsKey(last));
        inUse.put(last, pending);
        return last;
    }

    Object get(int packetId) {
        return inUse.get(packetId);
    }

    Object release(int packetId) {
        return inUse.remove(packetId);
    }

    /** Frees every identifier and returns what was waiting. */
    List<Object> releaseAll() {
        List<Object> pending = new ArrayList<>(inUse.values());
        inUse.clear();
        return pending;
    }
}
