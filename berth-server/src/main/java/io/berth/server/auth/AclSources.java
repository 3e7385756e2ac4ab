package io.berth.server.auth;

import io.berth.core.acl.AclRule;
import io.berth.core.acl.AclRules;
import io.berth.core.acl.Authorization;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules authorization checks: the built-in store's per-user rules ({@link UserAclFile}) first, then the ACL
 * file's, as one ordered list. Either part may be replaced (its file changed); the whole list is installed at once,
 * which empties every connection's decision cache.
 */
public final class AclSources {

    private AclRules users;
    private AclRules file;
    private Authorization authorization;

    public AclSources(AclRules users, AclRules file) {
        this.users = users;
        this.file = file;
    }

    /** The combined list, for the {@link Authorization} this instance then updates ({@link #bind}). */
    public synchronized AclRules combined() {
        List<AclRule> all = new ArrayList<>(users.rules());
        all.addAll(file.rules());
        return new AclRules(all, file.source());
    }

    public synchronized void bind(Authorization target) {
        this.authorization = target;
    }

    /** The ACL file was read again. */
    public synchronized void file(AclRules fresh) {
        file = fresh;
        authorization.replaceRules(combined());
    }

    /** The per-user rules were read again. */
    public synchronized void users(AclRules fresh) {
        users = fresh;
        authorization.replaceRules(combined());
    }
}
