package io.berth.codec;

/**
 * MQTT 5 property identifiers and where each may appear (spec 2.2.2.2, table 2-4). A "context" is a bit mask
 * with bit {@code n} for packet type {@code n}, and bit 0 for the Will Properties of a CONNECT.
 */
final class PropertyIds {

    static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    static final int CONTENT_TYPE = 0x03;
    static final int RESPONSE_TOPIC = 0x08;
    static final int CORRELATION_DATA = 0x09;
    static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    static final int SESSION_EXPIRY_INTERVAL = 0x11;
    static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    static final int SERVER_KEEP_ALIVE = 0x13;
    static final int AUTHENTICATION_METHOD = 0x15;
    static final int AUTHENTICATION_DATA = 0x16;
    static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    static final int WILL_DELAY_INTERVAL = 0x18;
    static final int REQUEST_RESPONSE_INFORMATION = 0x19;
    static final int RESPONSE_INFORMATION = 0x1A;
    static final int SERVER_REFERENCE = 0x1C;
    static final int REASON_STRING = 0x1F;
    static final int RECEIVE_MAXIMUM = 0x21;
    static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    static final int TOPIC_ALIAS = 0x23;
    static final int MAXIMUM_QOS = 0x24;
    static final int RETAIN_AVAILABLE = 0x25;
    static final int USER_PROPERTY = 0x26;
    static final int MAXIMUM_PACKET_SIZE = 0x27;
    static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    /** The context bit of a CONNECT's Will Properties. */
    static final int WILL = 1;

    private static final int CONNECT = bit(PacketType.CONNECT);
    private static final int CONNACK = bit(PacketType.CONNACK);
    private static final int PUBLISH = bit(PacketType.PUBLISH);
    private static final int ACKS = bit(PacketType.PUBACK) | bit(PacketType.PUBREC) | bit(PacketType.PUBREL)
            | bit(PacketType.PUBCOMP) | bit(PacketType.SUBACK) | bit(PacketType.UNSUBACK);
    private static final int SUBSCRIBE = bit(PacketType.SUBSCRIBE);
    private static final int DISCONNECT = bit(PacketType.DISCONNECT);
    private static final int AUTH = bit(PacketType.AUTH);
    private static final int MESSAGE = PUBLISH | WILL;

    /** Contexts each identifier may appear in; 0 for an identifier the spec does not define. */
    private static final int[] ALLOWED = new int[SHARED_SUBSCRIPTION_AVAILABLE + 1];

    static {
        ALLOWED[PAYLOAD_FORMAT_INDICATOR] = MESSAGE;
        ALLOWED[MESSAGE_EXPIRY_INTERVAL] = MESSAGE;
        ALLOWED[CONTENT_TYPE] = MESSAGE;
        ALLOWED[RESPONSE_TOPIC] = MESSAGE;
        ALLOWED[CORRELATION_DATA] = MESSAGE;
        ALLOWED[SUBSCRIPTION_IDENTIFIER] = PUBLISH | SUBSCRIBE;
        ALLOWED[SESSION_EXPIRY_INTERVAL] = CONNECT | CONNACK | DISCONNECT;
        ALLOWED[ASSIGNED_CLIENT_IDENTIFIER] = CONNACK;
        ALLOWED[SERVER_KEEP_ALIVE] = CONNACK;
        ALLOWED[AUTHENTICATION_METHOD] = CONNECT | CONNACK | AUTH;
        ALLOWED[AUTHENTICATION_DATA] = CONNECT | CONNACK | AUTH;
        ALLOWED[REQUEST_PROBLEM_INFORMATION] = CONNECT;
        ALLOWED[WILL_DELAY_INTERVAL] = WILL;
        ALLOWED[REQUEST_RESPONSE_INFORMATION] = CONNECT;
        ALLOWED[RESPONSE_INFORMATION] = CONNACK;
        ALLOWED[SERVER_REFERENCE] = CONNACK | DISCONNECT;
        ALLOWED[REASON_STRING] = CONNACK | ACKS | DISCONNECT | AUTH;
        ALLOWED[RECEIVE_MAXIMUM] = CONNECT | CONNACK;
        ALLOWED[TOPIC_ALIAS_MAXIMUM] = CONNECT | CONNACK;
        ALLOWED[TOPIC_ALIAS] = PUBLISH;
        ALLOWED[MAXIMUM_QOS] = CONNACK;
        ALLOWED[RETAIN_AVAILABLE] = CONNACK;
        ALLOWED[USER_PROPERTY] = CONNECT | CONNACK | MESSAGE | ACKS | SUBSCRIBE
                | bit(PacketType.UNSUBSCRIBE) | DISCONNECT | AUTH;
        ALLOWED[MAXIMUM_PACKET_SIZE] = CONNECT | CONNACK;
        ALLOWED[WILDCARD_SUBSCRIPTION_AVAILABLE] = CONNACK;
        ALLOWED[SUBSCRIPTION_IDENTIFIER_AVAILABLE] = CONNACK;
        ALLOWED[SHARED_SUBSCRIPTION_AVAILABLE] = CONNACK;
    }

    private PropertyIds() {
    }

    static int bit(PacketType type) {
        return 1 << type.value();
    }

    /** The contexts an identifier may appear in, or 0 when the identifier is unknown. */
    static int allowed(int id) {
        return id >= 0 && id < ALLOWED.length ? ALLOWED[id] : 0;
    }
}
