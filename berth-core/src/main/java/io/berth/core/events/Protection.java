package io.berth.core.events;

import io.berth.core.alarm.AlarmRegistry;
import io.berth.core.ban.BanList;

import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The protection services the protocol engine consults: the bans checked at CONNECT, the alarms, the listener
 * of connection events, and whether the broker is overloaded (new clients then get CONNACK 0x89). Wired by the
 * composition root.
 */
public record Protection(BanList bans, AlarmRegistry alarms, ConnectionEvents events, BooleanSupplier overloaded) {

    /** Never overloaded. */
    public Protection(BanList bans, AlarmRegistry alarms, ConnectionEvents events) {
        this(bans, alarms, events, () -> false);
    }

    public Protection {
        Objects.requireNonNull(bans, "bans");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(overloaded, "overloaded");
    }

    /** No bans kept on disk, no one listening. */
    public static Protection inMemory(Clock clock) {
        return new Protection(BanList.inMemory(clock), new AlarmRegistry(clock), ConnectionEvents.none());
    }
}
