package io.berth.core.protocol;

import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.netty.util.concurrent.EventExecutor;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A transport without a network for engine tests: records what the engine sends. PUBLISH payloads are
 * copied to strings and released at once, so tests hold no buffers.
 */
final class RecordingTransport implements Transport {

    private final EventExecutor executor;
    private final String name;
    private final BlockingQueue<Object> sent = new LinkedBlockingQueue<>();
    volatile boolean closed;
    volatile MqttVersion version;

    RecordingTransport(EventExecutor executor, String name) {
        this.executor = executor;
        this.name = name;
    }

    /** A PUBLISH as sent, with its payload as text. */
    record Sent(PublishPacket header, String payload) {
    }

    @Override
    public EventExecutor executor() {
        return executor;
    }

    @Override
    public void send(MqttPacket packet) {
        if (packet instanceof PublishPacket p) {
            String text = p.payload().toString(java.nio.charset.StandardCharsets.UTF_8);
            p.payload().release();
            sent.add(new Sent(p, text));
        } else {
            sent.add(packet);
        }
    }

    @Override
    public void sendAndClose(MqttPacket packet) {
        send(packet);
        close();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void protocolVersion(MqttVersion v) {
        this.version = v;
    }

    @Override
    public String remoteAddress() {
        return "test:" + name;
    }

    @Override
    public java.net.InetAddress remoteInetAddress() {
        return java.net.InetAddress.getLoopbackAddress();
    }

    @Override
    public String listenerName() {
        return "test";
    }

    /** The next thing sent: an MqttPacket, or a {@link Sent} for a PUBLISH. */
    Object next(Duration timeout) throws InterruptedException {
        Object o = sent.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("nothing sent by the engine within " + timeout);
        }
        return o;
    }

    /** The next thing sent, or null when nothing (more) was sent; does not wait. */
    Object poll() {
        return sent.poll();
    }

    Object next() throws InterruptedException {
        return next(Duration.ofSeconds(5));
    }

    /** Whether nothing more was sent (checked on the executor, after every queued task ran). */
    boolean idle() throws Exception {
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        return sent.isEmpty();
    }
}
