package io.berth.core.ban;

import java.util.List;

/**
 * Where bans are kept between restarts. The file implementation lives in the server; a RocksDB one can replace it.
 * {@link #save} may be called on an event loop: implementations must not block there (write asynchronously).
 */
public interface BanStore {

    /** The bans saved last; empty when there are none. Called once, at start-up. */
    List<Ban> load();

    /** Replaces what is saved with {@code bans}. Must not block the caller. */
    void save(List<Ban> bans);

    /** A store that keeps nothing. */
    static BanStore none() {
        return new BanStore() {
            @Override
            public List<Ban> load() {
                return List.of();
            }

            @Override
            public void save(List<Ban> bans) {
            }
        };
    }
}
