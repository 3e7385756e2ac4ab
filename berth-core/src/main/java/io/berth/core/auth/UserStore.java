package io.berth.core.auth;

import java.util.List;
import java.util.Optional;

/**
 * The built-in user database. Implementations are thread-safe; their methods may block (disk), so call them off
 * the event loops.
 */
public interface UserStore {

    Optional<UserRecord> find(String username);

    /** Every user, sorted by name. */
    List<UserRecord> list();

    /** Adds the user, or replaces the one with the same name. */
    void put(UserRecord user);

    /** Removes the user; false if there was none. */
    boolean delete(String username);
}
