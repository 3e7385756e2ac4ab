package io.berth.core.acl;

/** What happens to a client whose PUBLISH is denied ({@code authorization.deny_action}). */
public enum DenyAction {
    /** The message is dropped; an MQTT 5 client gets PUBACK/PUBREC 0x87, an MQTT 3.x client nothing more. */
    IGNORE,
    /** The client is disconnected (MQTT 5: DISCONNECT 0x87 first). */
    DISCONNECT
}
