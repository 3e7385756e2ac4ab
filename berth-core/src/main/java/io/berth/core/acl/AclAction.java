package io.berth.core.acl;

/** What a client asks to do with a topic. */
public enum AclAction {
    PUBLISH, SUBSCRIBE
}
