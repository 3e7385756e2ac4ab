package io.berth.cli.tools;

import io.berth.client.ClientOptions;
import io.berth.client.ConnAck;
import io.berth.client.ConnectionRefusedException;
import io.berth.client.MessageListener;
import io.berth.client.MqttClient;
import io.berth.client.MqttClientException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One tool's connection: an event loop of its own, the client, and the translation of every failure into a
 * {@link ToolException} with a one-line message. The calling thread blocks; the client works on the loop.
 */
final class ToolSession implements AutoCloseable {

    private final EventLoopGroup group;
    private final MqttClient client;

    private ToolSession(EventLoopGroup group, MqttClient client) {
        this.group = group;
        this.client = client;
    }

    static ToolSession connect(ClientOptions options, MessageListener listener) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        MqttClient client = new MqttClient(options, group).onMessage(listener);
        ToolSession session = new ToolSession(group, client);
        try {
            ConnAck ack = await(client.connect(), options.connectTimeout().toMillis() * 2 + 1_000);
            assert ack.isSuccess();
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    MqttClient client() {
        return client;
    }

    /**
     * Waits for a client future; failures become {@link ToolException}s: a CONNACK refusal exits with its code
     * (as mosquitto_pub/sub do), anything else with 1.
     */
    static <T> T await(Future<T> future, long timeoutMillis) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectionRefusedException refused) {
                int code = refused.connAck().wireCode();
                throw new ToolException(code == 0 ? ToolException.ERROR : code, refused.getMessage());
            }
            if (cause instanceof MqttClientException || cause instanceof IllegalArgumentException) {
                throw new ToolException(ToolException.ERROR, cause.getMessage());
            }
            throw new ToolException(ToolException.ERROR, String.valueOf(cause));
        } catch (TimeoutException e) {
            throw new ToolException(ToolException.ERROR, "No answer from the broker within "
                    + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(ToolException.ERROR, "Interrupted");
        }
    }

    /** Sends DISCONNECT, waits briefly for the close, and stops the event loop. */
    @Override
    public void close() {
        try {
            CompletableFuture<Void> closed = client.disconnect();
            closed.get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
