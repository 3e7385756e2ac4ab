package io.berth.codec;

/**
 * CONNECT (spec 3.1). {@code cleanStart} is Clean Session in 3.x. {@code username} and {@code password} are
 * {@code null} when their flags are clear; {@code will} is {@code null} when the Will Flag is clear.
 */
public record ConnectPacket(MqttVersion version, String clientId, boolean cleanStart, int keepAlive,
                            String username, byte[] password, Will will, MqttProperties properties)
        implements MqttPacket {

    public ConnectPacket {
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    @Override
    public String toString() {
        return "ConnectPacket{version=" + version + ", clientId='" + clientId + "', cleanStart=" + cleanStart
                + ", keepAlive=" + keepAlive + ", username=" + username + ", password="
                + (password == null ? "absent" : "present") + ", will=" + (will == null ? "none" : will.topic())
                + ", properties=" + properties + '}';
    }
}
