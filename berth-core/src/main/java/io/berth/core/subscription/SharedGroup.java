package io.berth.core.subscription;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable snapshot of one shared subscription group: a share name plus a topic filter (so
 * {@code $share/g/a/+} and {@code $share/g/a/#} are two groups, MQTT 5 section 4.8.2) and its members,
 * one {@link Subscription} per client. Every change to the group produces a new snapshot; all snapshots of
 * a group share one round-robin cursor for {@link SharedGroupSelector}.
 *
 * <p>Safe to read from any thread.
 */
public final class SharedGroup {

    private final String name;
    private final String filter;
    private final List<Subscription> members;
    private final AtomicInteger cursor;

    SharedGroup(String name, String filter, List<Subscription> members, AtomicInteger cursor) {
        this.name = name;
        this.filter = filter;
        this.members = members;
        this.cursor = cursor;
    }

    static SharedGroup of(Subscription first) {
        return new SharedGroup(first.shareGroup(), first.topicFilter(), List.of(first), new AtomicInteger());
    }

    /** The share name. */
    public String name() {
        return name;
    }

    /** The topic filter without the {@code $share/<name>/} prefix. */
    public String filter() {
        return filter;
    }

    /** The members at the time of this snapshot; never empty for a snapshot yielded by a match. */
    public List<Subscription> members() {
        return members;
    }

    AtomicInteger cursor() {
        return cursor;
    }

    int indexOf(String clientId) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).clientId().equals(clientId)) {
                return i;
            }
        }
        return -1;
    }

    /** A snapshot with {@code subscription} added, or replacing the member at {@code index} when >= 0. */
    SharedGroup with(Subscription subscription, int index) {
        Subscription[] copy = members.toArray(new Subscription[members.size() + (index < 0 ? 1 : 0)]);
        copy[index < 0 ? members.size() : index] = subscription;
        return new SharedGroup(name, filter, List.of(copy), cursor);
    }

    /** A snapshot without the member at {@code index}. */
    SharedGroup without(int index) {
        Subscription[] copy = new Subscription[members.size() - 1];
        for (int i = 0, j = 0; i < members.size(); i++) {
            if (i != index) {
                copy[j++] = members.get(i);
            }
        }
        return new SharedGroup(name, filter, List.of(copy), cursor);
    }

    @Override
    public String toString() {
        return "SharedGroup[" + name + ", " + filter + ", " + Arrays.toString(members.toArray()) + ']';
    }
}
