package io.berth.server.protection;

import io.berth.codec.ConnectPacket;
import io.berth.codec.ReasonCode;
import io.berth.core.alarm.Alarm;
import io.berth.core.alarm.AlarmRegistry;
import io.berth.core.ban.Ban;
import io.berth.core.ban.BanList;
import io.berth.core.events.ConnectionEvents;
import io.berth.core.protocol.Transport;
import io.berth.server.config.ProtectionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Automatic bans: flapping detection (a client id that connects more than {@code max_count} times in the window
 * is banned by client id) and brute-force detection ({@code max_count} failed authentications from one address in
 * the window ban that address). Each ban raises an alarm, cleared by {@link #tick} once the ban has ended. Runs on
 * event loops; {@link BanList#add} does not block.
 */
public final class AutoBans implements ConnectionEvents {

    private static final Logger LOG = LoggerFactory.getLogger("event.protection");
    static final String FLAPPING = "flapping_detect";
    static final String BRUTE_FORCE = "brute_force_detect";

    private final ProtectionConfig.Detection flapping;
    private final ProtectionConfig.Detection bruteForce;
    private final BanList bans;
    private final AlarmRegistry alarms;
    private final Clock clock;
    private final EventCounter<String> connects;
    private final EventCounter<InetAddress> failures;

    public AutoBans(ProtectionConfig.Detection flapping, ProtectionConfig.Detection bruteForce, BanList bans,
                    AlarmRegistry alarms, Clock clock) {
        this.flapping = flapping;
        this.bruteForce = bruteForce;
        this.bans = bans;
        this.alarms = alarms;
        this.clock = clock;
        this.connects = new EventCounter<>(flapping.window());
        this.failures = new EventCounter<>(bruteForce.window());
    }

    @Override
    public void connectReceived(Transport t, ConnectPacket connect, String clientId) {
        if (!flapping.enabled() || connect.clientId().isEmpty()) {
            return; // a server-assigned id is new every time: it cannot flap
        }
        int n = connects.record(clientId);
        if (n > flapping.maxCount()) {
            connects.reset(clientId);
            Instant now = clock.instant();
            String reason = "flapping: " + n + " connects within " + flapping.window().toSeconds() + "s";
            LOG.warn("protection.flapping_ban clientId={} remote={} listener={} connects={} ban_time={}s", clientId,
                    t.remoteAddress(), t.listenerName(), n, flapping.banTime().toSeconds());
            bans.add(new Ban(Ban.Kind.CLIENTID, clientId, reason, FLAPPING, now, now.plus(flapping.banTime())));
            alarms.raise(FLAPPING + "/" + clientId, Alarm.Severity.WARNING,
                    "client id " + clientId + " banned for flapping",
                    Map.of("client_id", clientId, "peer", t.remoteAddress(), "listener", t.listenerName(),
                            "connects", Integer.toString(n), "window", flapping.window().toString(),
                            "ban_until", now.plus(flapping.banTime()).toString()));
        }
    }

    @Override
    public void authFailed(Transport t, ConnectPacket connect, String clientId, ReasonCode reason) {
        InetAddress address = t.remoteInetAddress();
        if (!bruteForce.enabled() || address == null) {
            return;
        }
        int n = failures.record(address);
        if (n >= bruteForce.maxCount()) {
            failures.reset(address);
            Instant now = clock.instant();
            String ip = address.getHostAddress();
            LOG.warn("protection.brute_force_ban remote={} listener={} failures={} ban_time={}s", ip,
                    t.listenerName(), n, bruteForce.banTime().toSeconds());
            bans.add(new Ban(Ban.Kind.PEERHOST, ip, "brute force: " + n + " failed authentications within "
                    + bruteForce.window().toSeconds() + "s", BRUTE_FORCE, now, now.plus(bruteForce.banTime())));
            alarms.raise(BRUTE_FORCE + "/" + ip, Alarm.Severity.CRITICAL,
                    n + " failed authentications from " + ip + ": address banned",
                    Map.of("peer_address", ip, "listener", t.listenerName(), "failures", Integer.toString(n),
                            "last_username", String.valueOf(connect.username()),
                            "window", bruteForce.window().toString(),
                            "ban_until", now.plus(bruteForce.banTime()).toString()));
        }
    }

    /** Periodic housekeeping: forgets ended windows, clears the alarms of automatic bans that have ended. */
    public void tick() {
        connects.sweep();
        failures.sweep();
        for (Alarm a : alarms.active()) {
            String name = a.name();
            int slash = name.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String kind = name.substring(0, slash);
            String who = name.substring(slash + 1);
            if (kind.equals(FLAPPING) && bans.list().stream().noneMatch(b -> b.kind() == Ban.Kind.CLIENTID
                    && b.who().equals(who))) {
                alarms.clear(name);
            } else if (kind.equals(BRUTE_FORCE) && bans.list().stream().noneMatch(b -> b.kind() == Ban.Kind.PEERHOST
                    && b.who().equals(who))) {
                alarms.clear(name);
            }
        }
    }
}
