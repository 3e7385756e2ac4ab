package io.berth.core.subscription;

import java.util.List;
import java.util.function.Predicate;

/**
 * Picks the one member of a shared group that receives a message (MQTT 5 section 4.8.2): round-robin over
 * the members, skipping those that are not online; when none is online, the member whose turn it is, so the
 * message waits in that offline session. The cursor lives in the group, so each (share name, filter) group
 * rotates on its own and disappears with it.
 *
 * <p>Stateless; any thread, concurrently. Under concurrent selects from several threads the rotation is
 * approximately fair rather than strictly ordered.
 */
public final class SharedGroupSelector {

    /**
     * @param group  a snapshot from {@link SubscriptionTrie#match}
     * @param online whether a member's session is connected; called on the caller's thread
     * @return the chosen member, or null if the group has no members
     */
    public Subscription select(SharedGroup group, Predicate<Subscription> online) {
        List<Subscription> members = group.members();
        int n = members.size();
        if (n == 0) {
            return null;
        }
        int start = Math.floorMod(group.cursor().getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Subscription candidate = members.get((start + i) % n);
            if (online.test(candidate)) {
                if (i > 0) {
                    // the skipped offline members' turns are used up: continue after the chosen one
                    group.cursor().addAndGet(i);
                }
                return candidate;
            }
        }
        return members.get(start);
    }
}
