package io.berth.core.acl;

import io.berth.core.auth.ClientIdentity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection's recent ACL decisions, so a client publishing to the same topics again and again does not walk
 * the rules each time. Least recently used entries go first; everything goes when the rules change.
 *
 * <p>Threading: owned by the connection's event loop; not thread-safe.
 */
public final class AclCache {

    private record Key(AclAction action, String topic, int qos, boolean retain) {
    }

    private final Authorization authorization;
    private final ClientIdentity client;
    private final Map<Key, Boolean> decisions;
    private int generation;

    public AclCache(Authorization authorization, ClientIdentity client) {
        this.authorization = authorization;
        this.client = client;
        int max = authorization.cacheSize();
        this.decisions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > max;
            }
        };
        this.generation = authorization.generation();
    }

    /** Whether the client may do this; consults the rules only on a miss. */
    public boolean allowed(AclAction action, String topic, int qos, boolean retain) {
        if ((!authorization.enabled() && client.clientAcl() == null) || client.superuser()) {
            return true;
        }
        if (authorization.cacheSize() == 0) {
            return authorization.check(client, action, topic, qos, retain).allowed();
        }
        int now = authorization.generation();
        if (now != generation) {
            decisions.clear();
            generation = now;
        }
        Key key = new Key(action, topic, qos, retain);
        Boolean cached = decisions.get(key);
        if (cached != null) {
            return cached;
        }
        boolean allowed = authorization.check(client, action, topic, qos, retain).allowed();
        decisions.put(key, allowed);
        return allowed;
    }
}
