package io.berth.client;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PingReqPacket;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubCompPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PubRelPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's protocol flows, packets in and packets out, without a network. */
class ClientSessionTest {

    private final List<ReceivedMessage> received = new ArrayList<>();

    private ClientSession session(MqttVersion version) {
        return new ClientSession(ClientOptions.builder("127.0.0.1", 1883).version(version).clientId("c1")
                .keepAliveSeconds(5).build(), received::add);
    }

    private static OutboundPublish message(int qos, CompletableFuture<ReasonCode> result) {
        return new OutboundPublish("t/1", "hi".getBytes(StandardCharsets.UTF_8), qos, false, MqttProperties.EMPTY,
                result);
    }

    private static <T> T readOutbound(EmbeddedChannel ch, Class<T> type) {
        Object o = ch.readOutbound();
        assertThat(o).isInstanceOf(type);
        return type.cast(o);
    }

    private static EmbeddedChannel connected(ClientSession s, MqttProperties connAckProperties) {
        EmbeddedChannel ch = new EmbeddedChannel(s);
        ConnectPacket connect = readOutbound(ch, ConnectPacket.class);
        assertThat(connect.clientId()).isEqualTo("c1");
        ch.writeInbound(new ConnAckPacket(false, ReasonCode.SUCCESS, connAckProperties));
        assertThat(s.connected()).isCompleted();
        return ch;
    }

    @Test
    void connAckRefusal_failsConnectWithTheReasonInWords() {
        ClientSession s = session(MqttVersion.MQTT_5);
        EmbeddedChannel ch = new EmbeddedChannel(s);
        readOutbound(ch, ConnectPacket.class);

        ch.writeInbound(new ConnAckPacket(false, ReasonCode.NOT_AUTHORIZED, MqttProperties.EMPTY));

        assertThat(s.connected()).isCompletedExceptionally();
        assertThat(s.connected().handle((a, e) -> e.getMessage()).join())
                .isEqualTo("Connection refused: not authorized (0x87)");
        assertThat(ch.isActive()).isFalse();
        assertThat(s.closed()).isCompletedExceptionally();
    }

    @Test
    void connAckRefusal_inMqtt311_namesTheReturnCode() {
        ClientSession s = session(MqttVersion.MQTT_3_1_1);
        EmbeddedChannel ch = new EmbeddedChannel(s);
        readOutbound(ch, ConnectPacket.class);

        ch.writeInbound(new ConnAckPacket(false, ReasonCode.BAD_USER_NAME_OR_PASSWORD, MqttProperties.EMPTY));

        assertThat(s.connected().handle((a, e) -> e.getMessage()).join())
                .isEqualTo("Connection refused: bad user name or password (return code 4)");
    }

    @Test
    void qos1_inflightWindowHonoursReceiveMaximum_MQTT_4_9_0_2() {
        ClientSession s = session(MqttVersion.MQTT_5);
        EmbeddedChannel ch = connected(s, MqttProperties.builder().receiveMaximum(1).build());
        CompletableFuture<ReasonCode> first = new CompletableFuture<>();
        CompletableFuture<ReasonCode> second = new CompletableFuture<>();

        s.publish(message(1, first));
        s.publish(message(1, second));

        PublishPacket p1 = readOutbound(ch, PublishPacket.class);
        p1.release();
        assertThat((Object) ch.readOutbound()).as("second PUBLISH waits for the window").isNull();
        ch.writeInbound(new PubAckPacket(p1.packetId(), ReasonCode.NO_MATCHING_SUBSCRIBERS, MqttProperties.EMPTY));
        assertThat(first).isCompletedWithValue(ReasonCode.NO_MATCHING_SUBSCRIBERS);
        PublishPacket p2 = readOutbound(ch, PublishPacket.class);
        p2.release();
        assertThat(p2.packetId()).isNotEqualTo(p1.packetId());
        ch.writeInbound(new PubAckPacket(p2.packetId()));
        assertThat(second).isCompletedWithValue(ReasonCode.SUCCESS);
        ch.finishAndReleaseAll();
    }

    @Test
    void qos2_outbound_completesOnPubCompAfterPubRel() {
        ClientSession s = session(MqttVersion.MQTT_3_1_1);
        EmbeddedChannel ch = connected(s, MqttProperties.EMPTY);
        CompletableFuture<ReasonCode> result = new CompletableFuture<>();

        s.publish(message(2, result));
        PublishPacket p = readOutbound(ch, PublishPacket.class);
        p.release();
        ch.writeInbound(new PubRecPacket(p.packetId()));

        assertThat(readOutbound(ch, PubRelPacket.class).packetId()).isEqualTo(p.packetId());
        assertThat(result).isNotDone();
        ch.writeInbound(new PubCompPacket(p.packetId()));
        assertThat(result).isCompletedWithValue(ReasonCode.SUCCESS);
        ch.finishAndReleaseAll();
    }

    @Test
    void qos2_inbound_resentPublishIsDeliveredOnce_MQTT_4_3_3_10() {
        ClientSession s = session(MqttVersion.MQTT_5);
        EmbeddedChannel ch = connected(s, MqttProperties.EMPTY);

        ch.writeInbound(inbound(7, false));
        ch.writeInbound(inbound(7, true));

        assertThat(received).hasSize(1);
        assertThat(new String(received.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("x");
        assertThat(readOutbound(ch, PubRecPacket.class).packetId()).isEqualTo(7);
        assertThat(readOutbound(ch, PubRecPacket.class).packetId()).isEqualTo(7);
        ch.writeInbound(new PubRelPacket(7));
        assertThat(readOutbound(ch, PubCompPacket.class).packetId()).isEqualTo(7);
        ch.finishAndReleaseAll();
    }

    private static PublishPacket inbound(int packetId, boolean dup) {
        return new PublishPacket("in/1", 2, false, dup, packetId, MqttProperties.EMPTY,
                Unpooled.copiedBuffer("x", StandardCharsets.UTF_8));
    }

    @Test
    void subscribe_completesWithTheSubAckCodes() {
        ClientSession s = session(MqttVersion.MQTT_5);
        EmbeddedChannel ch = connected(s, MqttProperties.EMPTY);
        CompletableFuture<List<ReasonCode>> result = new CompletableFuture<>();

        s.subscribe(List.of(new SubscriptionRequest("a/#", 1)), MqttProperties.EMPTY, result);
        SubscribePacket sub = readOutbound(ch, SubscribePacket.class);
        ch.writeInbound(new SubAckPacket(sub.packetId(), List.of(ReasonCode.GRANTED_QOS_1), MqttProperties.EMPTY));

        assertThat(result).isCompletedWithValue(List.of(ReasonCode.GRANTED_QOS_1));
        ch.finishAndReleaseAll();
    }

    @Test
    void keepalive_sendsPingReqWhenIdle_andClosesWithoutPingResp() {
        ClientSession s = session(MqttVersion.MQTT_5);
        EmbeddedChannel ch = connected(s, MqttProperties.EMPTY);

        ch.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        assertThat((Object) readOutbound(ch, PingReqPacket.class)).isNotNull();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);

        assertThat(ch.isActive()).isFalse();
        assertThat(s.closed().handle((v, e) -> e.getMessage()).join()).contains("No PINGRESP");
    }

    @Test
    void serverDisconnect_failsPendingPublishesWithTheReason() {
        ClientSession s = session(MqttVersion.MQTT_5);
        EmbeddedChannel ch = connected(s, MqttProperties.EMPTY);
        CompletableFuture<ReasonCode> result = new CompletableFuture<>();
        s.publish(message(1, result));
        readOutbound(ch, PublishPacket.class).release();

        ch.writeInbound(new DisconnectPacket(ReasonCode.SERVER_SHUTTING_DOWN));

        assertThat(result.handle((v, e) -> e.getMessage()).join())
                .isEqualTo("Disconnected by the server: server shutting down (0x8B)");
    }

    @Test
    void disconnect_sendsDisconnectAndCompletesNormally() {
        ClientSession s = session(MqttVersion.MQTT_3_1_1);
        EmbeddedChannel ch = connected(s, MqttProperties.EMPTY);

        s.disconnect();

        assertThat(readOutbound(ch, DisconnectPacket.class).reasonCode()).isEqualTo(ReasonCode.NORMAL_DISCONNECTION);
        assertThat(s.closed()).isCompleted();
        assertThat(s.closed().isCompletedExceptionally()).isFalse();
    }
}
