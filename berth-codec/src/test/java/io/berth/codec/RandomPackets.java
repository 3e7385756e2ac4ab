package io.berth.codec;

import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random packets that are valid for a version and survive a round trip unchanged: in MQTT 3.x only
 * what 3.x can carry (no properties, Success acknowledgements, 3.x return codes).
 */
final class RandomPackets {

    private static final String[] CHARS = {"a", "b", "Z", "0", "-", " ", "$", "é", "温", "😀", "ß", "/"};
    private static final ReasonCode[] V3_CONNACK = {ReasonCode.SUCCESS, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
            ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, ReasonCode.SERVER_UNAVAILABLE,
            ReasonCode.BAD_USER_NAME_OR_PASSWORD, ReasonCode.NOT_AUTHORIZED};
    private static final ReasonCode[] V3_SUBACK = {ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_1,
            ReasonCode.GRANTED_QOS_2, ReasonCode.UNSPECIFIED_ERROR};

    private final Random random;

    RandomPackets(long seed) {
        random = new Random(seed);
    }

    MqttPacket next(MqttVersion v) {
        PacketType type = PacketType.of(1 + random.nextInt(v.isV5() ? 15 : 14));
        boolean v5 = v.isV5();
        return switch (type) {
            case CONNECT -> connect(v);
            case CONNACK -> new ConnAckPacket(v != MqttVersion.MQTT_3_1 && random.nextBoolean(),
                    v5 ? code() : pick(V3_CONNACK), props(v, type));
            case PUBLISH -> publish(v);
            case PUBACK -> new PubAckPacket(packetId(), ackCode(v), props(v, type));
            case PUBREC -> new PubRecPacket(packetId(), ackCode(v), props(v, type));
            case PUBREL -> new PubRelPacket(packetId(), ackCode(v), props(v, type));
            case PUBCOMP -> new PubCompPacket(packetId(), ackCode(v), props(v, type));
            case SUBSCRIBE -> subscribe(v);
            case SUBACK -> new SubAckPacket(packetId(), codes(v5 ? null : V3_SUBACK), props(v, type));
            case UNSUBSCRIBE -> {
                List<String> filters = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    filters.add(filter());
                }
                yield new UnsubscribePacket(packetId(), filters, props(v, type));
            }
            case UNSUBACK -> new UnsubAckPacket(packetId(), v5 ? codes(null) : List.of(), props(v, type));
            case PINGREQ -> PingReqPacket.INSTANCE;
            case PINGRESP -> PingRespPacket.INSTANCE;
            case DISCONNECT -> new DisconnectPacket(v5 ? code() : ReasonCode.NORMAL_DISCONNECTION, props(v, type));
            case AUTH -> new AuthPacket(code(), props(v, type));
        };
    }

    private ConnectPacket connect(MqttVersion v) {
        Will will = null;
        if (random.nextBoolean()) {
            will = new Will(topic(), bytes(), random.nextInt(3), random.nextBoolean(),
                    v.isV5() ? props(PropertyIds.WILL) : null);
        }
        String username = random.nextBoolean() ? string(10) : null;
        byte[] password = (v.isV5() || username != null) && random.nextBoolean() ? bytes() : null;
        return new ConnectPacket(v, string(23), random.nextBoolean(), random.nextInt(65_536), username, password,
                will, props(v, PacketType.CONNECT));
    }

    private PublishPacket publish(MqttVersion v) {
        int qos = random.nextInt(3);
        MqttProperties props = props(v, PacketType.PUBLISH);
        String topic = v.isV5() && props.topicAlias() != null && random.nextBoolean() ? "" : topic();
        return new PublishPacket(topic, qos, random.nextBoolean(), qos > 0 && random.nextBoolean(),
                qos > 0 ? packetId() : 0, props, Unpooled.wrappedBuffer(bytes()));
    }

    private SubscribePacket subscribe(MqttVersion v) {
        List<SubscriptionRequest> subs = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            String filter = filter();
            if (v.isV5()) {
                boolean noLocal = !TopicNames.isShared(filter) && random.nextBoolean();
                subs.add(new SubscriptionRequest(filter, random.nextInt(3), noLocal, random.nextBoolean(),
                        random.nextInt(3)));
            } else {
                subs.add(new SubscriptionRequest(filter, random.nextInt(3)));
            }
        }
        return new SubscribePacket(packetId(), subs, props(v, PacketType.SUBSCRIBE));
    }

    private MqttProperties props(MqttVersion v, PacketType type) {
        return v.isV5() ? props(PropertyIds.bit(type)) : MqttProperties.EMPTY;
    }

    /** Random properties allowed in the context, each with values the decoder accepts. */
    private MqttProperties props(int context) {
        if (random.nextInt(4) == 0) {
            return MqttProperties.EMPTY;
        }
        MqttProperties.Builder b = MqttProperties.builder();
        for (int id = 0; id <= PropertyIds.SHARED_SUBSCRIPTION_AVAILABLE; id++) {
            if ((PropertyIds.allowed(id) & context) == 0 || random.nextInt(3) != 0) {
                continue;
            }
            switch (id) {
                case PropertyIds.PAYLOAD_FORMAT_INDICATOR -> b.payloadFormatIndicator(random.nextInt(2));
                case PropertyIds.MESSAGE_EXPIRY_INTERVAL -> b.messageExpiryInterval(u32());
                case PropertyIds.CONTENT_TYPE -> b.contentType(string(20));
                case PropertyIds.RESPONSE_TOPIC -> b.responseTopic(topic());
                case PropertyIds.CORRELATION_DATA -> b.correlationData(bytes());
                case PropertyIds.SUBSCRIPTION_IDENTIFIER -> {
                    int n = context == PropertyIds.bit(PacketType.PUBLISH) ? 1 + random.nextInt(3) : 1;
                    for (int i = 0; i < n; i++) {
                        b.addSubscriptionIdentifier(1 + random.nextInt(Wire.MAX_VAR_INT));
                    }
                }
                case PropertyIds.SESSION_EXPIRY_INTERVAL -> b.sessionExpiryInterval(u32());
                case PropertyIds.ASSIGNED_CLIENT_IDENTIFIER -> b.assignedClientIdentifier(string(23));
                case PropertyIds.SERVER_KEEP_ALIVE -> b.serverKeepAlive(random.nextInt(65_536));
                case PropertyIds.AUTHENTICATION_METHOD -> b.authenticationMethod(string(10));
                case PropertyIds.AUTHENTICATION_DATA -> b.authenticationMethod("m").authenticationData(bytes());
                case PropertyIds.REQUEST_PROBLEM_INFORMATION -> b.requestProblemInformation(random.nextInt(2));
                case PropertyIds.WILL_DELAY_INTERVAL -> b.willDelayInterval(u32());
                case PropertyIds.REQUEST_RESPONSE_INFORMATION -> b.requestResponseInformation(random.nextInt(2));
                case PropertyIds.RESPONSE_INFORMATION -> b.responseInformation(string(10));
                case PropertyIds.SERVER_REFERENCE -> b.serverReference(string(10));
                case PropertyIds.REASON_STRING -> b.reasonString(string(30));
                case PropertyIds.RECEIVE_MAXIMUM -> b.receiveMaximum(1 + random.nextInt(65_535));
                case PropertyIds.TOPIC_ALIAS_MAXIMUM -> b.topicAliasMaximum(random.nextInt(65_536));
                case PropertyIds.TOPIC_ALIAS -> b.topicAlias(1 + random.nextInt(65_535));
                case PropertyIds.MAXIMUM_QOS -> b.maximumQos(random.nextInt(2));
                case PropertyIds.RETAIN_AVAILABLE -> b.retainAvailable(random.nextInt(2));
                case PropertyIds.USER_PROPERTY -> {
                    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                        b.addUserProperty(string(8), string(8));
                    }
                }
                case PropertyIds.MAXIMUM_PACKET_SIZE -> b.maximumPacketSize(1 + (u32() % 0xFFFFFFFEL));
                case PropertyIds.WILDCARD_SUBSCRIPTION_AVAILABLE ->
                        b.wildcardSubscriptionAvailable(random.nextInt(2));
                case PropertyIds.SUBSCRIPTION_IDENTIFIER_AVAILABLE ->
                        b.subscriptionIdentifiersAvailable(random.nextInt(2));
                case PropertyIds.SHARED_SUBSCRIPTION_AVAILABLE -> b.sharedSubscriptionAvailable(random.nextInt(2));
                default -> {
                }
            }
        }
        return b.build();
    }

    private ReasonCode code() {
        return pick(ReasonCode.values());
    }

    private ReasonCode ackCode(MqttVersion v) {
        return v.isV5() ? code() : ReasonCode.SUCCESS;
    }

    private List<ReasonCode> codes(ReasonCode[] from) {
        List<ReasonCode> codes = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
            codes.add(from == null ? code() : pick(from));
        }
        return codes;
    }

    private int packetId() {
        return 1 + random.nextInt(65_535);
    }

    private long u32() {
        return random.nextInt() & 0xFFFFFFFFL;
    }

    private byte[] bytes() {
        byte[] b = new byte[random.nextInt(random.nextInt(10) == 0 ? 300 : 8)];
        random.nextBytes(b);
        return b;
    }

    private String string(int maxChars) {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = random.nextInt(maxChars + 1); i < n; i++) {
            s.append(pick(CHARS));
        }
        return s.toString();
    }

    private String topic() {
        String t = string(12);
        return t.isEmpty() ? "t" : t;
    }

    private String filter() {
        StringBuilder f = new StringBuilder();
        int levels = 1 + random.nextInt(4);
        for (int i = 0; i < levels; i++) {
            if (i > 0) {
                f.append('/');
            }
            int kind = random.nextInt(6);
            if (kind == 0) {
                f.append('+');
            } else if (kind == 1 && i == levels - 1) {
                f.append('#');
            } else {
                f.append(string(5).replace("/", ""));
            }
        }
        if (f.isEmpty()) {
            f.append('x');
        }
        return switch (random.nextInt(6)) {
            case 0 -> "$share/" + (string(4).replace("/", "") + "g") + "/" + f;
            case 1 -> "$queue/" + f;
            default -> f.toString();
        };
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
