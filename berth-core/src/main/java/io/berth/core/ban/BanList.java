package io.berth.core.ban;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The bans in force, checked at every CONNECT. Adding a ban saves the list and tells the listeners (the broker kicks
 * the connected clients it matches). Expired bans are dropped when next looked at. Thread-safe: bans change rarely,
 * so the list is copied on write and read without locks.
 */
public final class BanList {

    private final BanStore store;
    private final Clock clock;
    private final CopyOnWriteArrayList<Ban> bans = new CopyOnWriteArrayList<>();
    private final List<Consumer<Ban>> onAdded = new CopyOnWriteArrayList<>();

    public BanList(BanStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        Instant now = clock.instant();
        store.load().stream().filter(b -> b.activeAt(now)).forEach(bans::add);
    }

    /** A list that keeps nothing on disk. */
    public static BanList inMemory(Clock clock) {
        return new BanList(BanStore.none(), clock);
    }

    /** Called with each ban added, on the adding thread. */
    public void onAdded(Consumer<Ban> listener) {
        onAdded.add(listener);
    }

    /** Adds a ban (replacing one of the same kind and value), saves, and tells the listeners. */
    public void add(Ban ban) {
        synchronized (this) {
            bans.removeIf(b -> b.kind() == ban.kind() && b.who().equals(ban.who()));
            bans.add(ban);
            store.save(List.copyOf(bans));
        }
        onAdded.forEach(l -> l.accept(ban));
    }

    /** Removes the ban of this kind and value; false if there was none. */
    public boolean remove(Ban.Kind kind, String who) {
        synchronized (this) {
            boolean removed = bans.removeIf(b -> b.kind() == kind && b.who().equals(who));
            if (removed) {
                store.save(List.copyOf(bans));
            }
            return removed;
        }
    }

    /** The first ban in force that matches the client, if any. */
    public Optional<Ban> match(String clientId, String username, InetAddress address) {
        if (bans.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Ban found = null;
        boolean expired = false;
        for (Ban b : bans) {
            if (!b.activeAt(now)) {
                expired = true;
            } else if (found == null && b.matches(clientId, username, address)) {
                found = b;
            }
        }
        if (expired) {
            purgeExpired(now);
        }
        return Optional.ofNullable(found);
    }

    /** The bans in force now. */
    public List<Ban> list() {
        Instant now = clock.instant();
        List<Ban> out = new ArrayList<>();
        for (Ban b : bans) {
            if (b.activeAt(now)) {
                out.add(b);
            }
        }
        return out;
    }

    private synchronized void purgeExpired(Instant now) {
        if (bans.removeIf(b -> !b.activeAt(now))) {
            store.save(List.copyOf(bans));
        }
    }
}
