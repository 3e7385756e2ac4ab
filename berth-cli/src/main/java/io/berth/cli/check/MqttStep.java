package io.berth.cli.check;

import io.berth.client.ClientOptions;
import io.berth.client.ConnAck;
import io.berth.client.ConnectionRefusedException;
import io.berth.client.MqttClient;
import io.berth.client.ReasonCodes;
import io.berth.client.Transport;
import io.berth.codec.MqttProperties;
import io.berth.codec.ReasonCode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The MQTT step, with Berth's client over the URL's transport: CONNECT and the CONNACK in words, then a QoS 1
 * subscribe, publish and receive on a topic of its own, timed.
 */
final class MqttStep {

    private MqttStep() {
    }

    /** Whether CONNECT was refused or failed without an MQTT answer (the caller then sniffs the port). */
    enum Result { OK, REFUSED, FAILED, NO_MQTT }

    static Result run(ClientOptions options, String topic, int timeoutMillis, Report report) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        MqttClient client = new MqttClient(options, group);
        CompletableFuture<Long> arrived = new CompletableFuture<>();
        byte[] payload = ("berth check " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        client.onMessage(m -> {
            if (m.topic().equals(topic)) {
                arrived.complete(System.nanoTime());
            }
        });
        try {
            long start = System.nanoTime();
            ConnAck ack;
            try {
                ack = client.connect().get(timeoutMillis * 2L, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                return connectFailed(e.getCause(), options, report);
            }
            if (options.transport() == Transport.QUIC) {
                report.ok("QUIC", "handshake done: TLS 1.3, ALPN mqtt, the server certificate checked for '"
                        + options.host() + "'");
            }
            report.ok("MQTT", "CONNACK: " + ack.describe() + ", MQTT " + options.version() + ", session present: "
                    + (ack.sessionPresent() ? "yes" : "no") + ", in " + Timing.millis(System.nanoTime() - start)
                    + limits(ack.properties()));
            List<ReasonCode> granted = client.subscribe(topic, 1).get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (granted.get(0).isError()) {
                report.fail("MQTT", "subscription to " + topic + " refused: " + ReasonCodes.describe(granted.get(0)),
                        "the ACL must allow this client to subscribe there; pick another topic with -t");
                return Result.FAILED;
            }
            long sent = System.nanoTime();
            ReasonCode code = client.publish(topic, payload, 1, false).get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (code.isError()) {
                report.fail("MQTT", "publish to " + topic + " refused: " + ReasonCodes.describe(code),
                        "the ACL must allow this client to publish there; pick another topic with -t");
                return Result.FAILED;
            }
            long at = arrived.get(timeoutMillis, TimeUnit.MILLISECONDS);
            report.ok("MQTT", "publish + subscribe round trip on " + topic + " (QoS 1, granted QoS "
                    + granted.get(0).value() + ") in " + Timing.millis(at - sent));
            return Result.OK;
        } catch (TimeoutException e) {
            report.fail("MQTT", "no answer within " + timeoutMillis + " ms during the publish/subscribe round trip",
                    "the broker is overloaded or drops messages on " + topic + " (ACL with deny_action ignore?)");
            return Result.FAILED;
        } catch (ExecutionException e) {
            report.fail("MQTT", "round trip failed: " + e.getCause().getMessage(), null);
            return Result.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.fail("MQTT", "interrupted", null);
            return Result.FAILED;
        } finally {
            try {
                client.disconnect().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing anyway
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Result connectFailed(Throwable cause, ClientOptions options, Report report) {
        if (cause instanceof ConnectionRefusedException refused) {
            ReasonCode code = refused.connAck().reasonCode();
            report.fail("MQTT", "the broker refused the connection: " + refused.connAck().describe(), fix(code));
            return Result.REFUSED;
        }
        String message = cause.getMessage();
        if (options.transport() == Transport.QUIC && message != null && message.contains("QUIC")) {
            report.fail("QUIC", message, "check the UDP port (default 14567) and firewalls for UDP, that the "
                    + "listener is QUIC with ALPN mqtt, and the certificate (--cafile, or --insecure to skip)");
            return Result.FAILED;
        }
        boolean noMqtt = message != null && (message.contains("before CONNACK") || message.contains("No CONNACK")
                || message.contains("Malformed packet") || message.contains("Protocol error"));
        if (noMqtt && options.transport() == Transport.TCP) {
            report.info("MQTT", "no CONNACK: " + message + "; looking at what answers on the port");
            return Result.NO_MQTT;
        }
        report.fail("MQTT", "no CONNACK: " + message, noMqtt ? "check that this is the MQTT broker's port and "
                + "look at the broker's logs" : "see the steps above");
        return noMqtt ? Result.NO_MQTT : Result.FAILED;
    }

    private static String limits(MqttProperties p) {
        StringBuilder b = new StringBuilder();
        if (p.assignedClientIdentifier() != null) {
            b.append(", assigned id ").append(p.assignedClientIdentifier());
        }
        if (p.serverKeepAlive() != null) {
            b.append(", server keepalive ").append(p.serverKeepAlive()).append(" s");
        }
        if (p.maximumQos() != null) {
            b.append(", maximum QoS ").append(p.maximumQos());
        }
        if (p.receiveMaximum() != null) {
            b.append(", receive maximum ").append(p.receiveMaximum());
        }
        return b.toString();
    }

    static String fix(ReasonCode code) {
        return switch (code) {
            case BAD_USER_NAME_OR_PASSWORD -> "check the user name and password (-u, -P, or user:password@ in the URL)";
            case NOT_AUTHORIZED -> "this client may not connect: give credentials (-u, -P) or a client certificate, "
                    + "or ask for access (anonymous clients may be refused)";
            case UNSUPPORTED_PROTOCOL_VERSION -> "the broker does not speak this MQTT version: try -V 311 (or -V 5)";
            case CLIENT_IDENTIFIER_NOT_VALID -> "use another client id (-i): shorter, or allowed by the broker";
            case SERVER_UNAVAILABLE, SERVER_BUSY -> "the broker is not ready or overloaded: retry later, check its "
                    + "logs";
            case BANNED -> "this client, user or address is banned on the broker";
            case USE_ANOTHER_SERVER, SERVER_MOVED -> "connect to the server the broker names";
            case QUOTA_EXCEEDED, CONNECTION_RATE_EXCEEDED -> "the broker limits connections: retry later";
            default -> null;
        };
    }
}
