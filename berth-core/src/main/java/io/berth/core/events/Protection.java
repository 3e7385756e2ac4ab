package io.berth.core.events;

import io.berth.core.alarm.AlarmRegistry;
import io.berth.core.ban.BanList;

import java.time.Clock;
import java.util.Objects;

/**
 * The protection services the protocol engine consults: the bans checked at CONNECT, the alarms, and the listener
 * of connection events. Wired by the composition root.
 */
public record Protection(BanList bans, AlarmRegistry alarms, ConnectionEvents events) {

    public Protection {
        Objects.requireNonNull(bans, "bans");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(events, "events");
    }

    /** No bans kept on disk, no one listening. */
    public static Protection inMemory(Clock clock) {
        return new Protection(BanList.inMemory(clock), new AlarmRegistry(clock), ConnectionEvents.none());
    }
}
