/**
 * Authorization: what an authenticated client may publish and subscribe to. Ordered rules in EMQX's
 * {@code acl.conf} syntax ({@link io.berth.core.acl.AclParser}), checked first-match-wins by
 * {@link io.berth.core.acl.Authorization}, with a small per-connection {@link io.berth.core.acl.AclCache} that is
 * dropped whenever the rules change.
 */
package io.berth.core.acl;
