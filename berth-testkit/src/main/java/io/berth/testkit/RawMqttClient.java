package io.berth.testkit;

import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PacketDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A byte-exact MQTT client on a blocking socket, for what no well-behaved client sends: malformed packets,
 * wrong order, exact bytes. Single-threaded use.
 */
public final class RawMqttClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final PacketDecoder decoder;
    private final ByteBuf received = Unpooled.buffer();
    private final MqttVersion version;

    private RawMqttClient(String host, int port, MqttVersion version) throws IOException {
        this.socket = new Socket(host, port);
        this.socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.version = version;
        this.decoder = new PacketDecoder(Integer.MAX_VALUE, version);
    }

    public static RawMqttClient connect(EmbeddedBroker broker, MqttVersion version) throws IOException {
        return new RawMqttClient(broker.host(), broker.port(), version);
    }

    /** A client of any plain TCP listener, e.g. {@code broker.port("tcp:extra")}. */
    public static RawMqttClient connect(String host, int port, MqttVersion version) throws IOException {
        return new RawMqttClient(host, port, version);
    }

    public MqttVersion version() {
        return version;
    }

    /** Sends raw bytes. */
    public RawMqttClient sendBytes(int... bytes) throws IOException {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return sendBytes(b);
    }

    public RawMqttClient sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Encodes and sends a packet with this client's version (a PUBLISH payload is consumed). */
    public RawMqttClient send(MqttPacket packet) throws IOException {
        return send(packet, version);
    }

    public RawMqttClient send(MqttPacket packet, MqttVersion encodeAs) throws IOException {
        return sendBytes(PacketBytes.encode(packet, encodeAs));
    }

    /**
     * Waits for the next packet. A PUBLISH's payload is a heap copy that needs no release.
     *
     * @return the packet, or null if the server closed the connection first
     * @throws SocketTimeoutException if nothing arrives in time
     */
    public MqttPacket receive(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] chunk = new byte[8192];
        while (true) {
            MqttPacket packet = PacketBytes.next(decoder, received);
            if (packet != null) {
                return packet;
            }
            int n = in.read(chunk);
            if (n < 0) {
                return null;
            }
            received.writeBytes(chunk, 0, n);
        }
    }

    public MqttPacket receive() throws IOException {
        return receive(Duration.ofSeconds(10));
    }

    /** True if the server closes the connection within the timeout (any unread packets are skipped). */
    public boolean awaitClosed(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (receive(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000))) == null) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by peer counts as closed
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        received.release();
        socket.close();
    }
}
