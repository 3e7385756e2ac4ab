/**
 * The MQTT wire format (3.1, 3.1.1 and 5.0) and Berth's own immutable packet model.
 *
 * <p>{@link io.berth.codec.PacketDecoder} (one per connection) turns bytes into {@link io.berth.codec.MqttPacket}
 * records and never throws: bytes that break the spec give a {@link io.berth.codec.DecodeFailure} with the
 * spec's reason code. {@link io.berth.codec.PacketEncoder} turns packets back into bytes, writing a PUBLISH
 * payload as its own buffer so it can be shared. {@link io.berth.codec.TopicNames} and
 * {@link io.berth.codec.MqttStrings} hold the topic and string rules. The package depends on netty-buffer only.
 */
package io.berth.codec;
