package io.berth.core.protocol;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DecodeFailure;
import io.berth.codec.MqttPacket;
import io.berth.codec.PacketDecoder;
import io.berth.codec.ReasonCode;
import io.berth.core.BrokerContext;
import io.berth.core.MqttSettings;
import io.berth.core.retain.InMemoryRetainedStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer fuzz target for CONNECT handling: arbitrary bytes go through the server-side {@link PacketDecoder} and into
 * a fresh {@link Connection} the way the server's pipeline feeds it (packets to {@code onPacket}, a failure to
 * {@code onDecodeFailure}), on a real single-thread executor standing in for the event loop.
 *
 * <p>For every input: nothing throws out of the engine; the first thing the engine does is either accept (CONNACK
 * Success, connection open) or refuse (a CONNACK with a failure reason code, or none for a malformed 3.x CONNECT)
 * and close. Runs the seed corpus in {@code ConnectFuzzTestInputs/} in a plain {@code mvn test}; fuzzes with
 * {@code JAZZER_FUZZ=1} (docs/fuzzing.md).
 */
class ConnectFuzzTest {

    private static final EventExecutor LOOP = new DefaultEventExecutor();
    /** The engine logs every connect and rejection at INFO/WARN: at fuzzing speed that is mostly noise. */
    private static final Logger EVENTS = (Logger) LoggerFactory.getLogger("event");
    private static Level eventsLevel;

    @BeforeAll
    static void quietEvents() {
        eventsLevel = EVENTS.getLevel();
        EVENTS.setLevel(Level.ERROR);
    }

    @AfterAll
    static void stopLoop() {
        EVENTS.setLevel(eventsLevel);
        LOOP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @FuzzTest(maxDuration = "10s")
    void firstPackets(byte[] data) throws Exception {
        feed(data);
    }

    /** Feeds the bytes to a new connection; returns what the engine sent, after asserting the outcome. */
    static List<Object> feed(byte[] data) throws Exception {
        BrokerContext broker = new BrokerContext(MqttSettings.defaults(), new InMemoryRetainedStore(),
                Clock.systemUTC(), "fuzz");
        SessionLifecycle lifecycle = new SessionLifecycle(broker);
        RecordingTransport transport = new RecordingTransport(LOOP, "fuzz");
        Connection connection = LOOP.submit(() -> new Connection(broker, transport, lifecycle))
                .get(10, TimeUnit.SECONDS);
        Object first = LOOP.submit(() -> {
            connection.onOpen();
            PacketDecoder decoder = new PacketDecoder(broker.settings().maxPacketSize());
            ByteBuf in = Unpooled.wrappedBuffer(data);
            Object firstItem = null;
            try {
                Object o;
                while ((o = decoder.decode(in)) != null) {
                    firstItem = firstItem == null ? o : firstItem;
                    if (o instanceof MqttPacket packet) {
                        connection.onPacket(packet);
                    } else {
                        connection.onDecodeFailure((DecodeFailure) o, decoder.version());
                        break;
                    }
                }
            } finally {
                in.release();
            }
            return firstItem;
        }).get(10, TimeUnit.SECONDS);

        List<Object> sent = awaitFirstAnswer(transport, first != null);
        if (first == null) {
            assertThat(sent).as("nothing to answer before a whole packet").isEmpty();
        } else if (first instanceof ConnectPacket) {
            assertThat(sent).as("answer to a decoded CONNECT").isNotEmpty();
            assertThat(sent.get(0)).isInstanceOf(ConnAckPacket.class);
            ReasonCode code = ((ConnAckPacket) sent.get(0)).reasonCode();
            if (code != ReasonCode.SUCCESS) {
                assertThat(transport.closed).as("closed after CONNACK %s", code).isTrue();
            }
        } else {
            DecodeFailure failure = (DecodeFailure) first;
            assertThat(transport.closed).as("closed after %s", failure).isTrue();
            if (!sent.isEmpty()) {
                assertThat(sent.get(0)).isInstanceOf(ConnAckPacket.class);
                assertThat(((ConnAckPacket) sent.get(0)).reasonCode().isError()).as("CONNACK after %s", failure)
                        .isTrue();
            }
        }
        // the network goes away: ends the session and releases anything the engine still holds
        LOOP.submit(connection::onClosed).get(10, TimeUnit.SECONDS);
        return sent;
    }

    /** Waits (bounded) until the engine sent something or closed, then returns everything sent so far. */
    private static List<Object> awaitFirstAnswer(RecordingTransport transport, boolean expectAnswer)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Object> sent = new ArrayList<>();
        while (true) {
            LOOP.submit(() -> { }).get(10, TimeUnit.SECONDS); // everything queued on the loop has run
            for (Object o; (o = transport.poll()) != null; ) {
                sent.add(o instanceof RecordingTransport.Sent s ? s.header() : o);
            }
            if (!expectAnswer || !sent.isEmpty() || transport.closed || System.nanoTime() > deadline) {
                return sent;
            }
            Thread.onSpinWait();
        }
    }
}
