package io.berth.it.authn;

import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientConfig;
import com.hivemq.client.mqtt.mqtt5.auth.Mqtt5EnhancedAuthMechanism;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5Auth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5AuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of SCRAM (RFC 5802) for HiveMQ's MQTT 5 client, written for the tests from the RFC: sends
 * client-first in CONNECT (or AUTH 0x19), client-final in AUTH 0x18, and checks the server's signature.
 */
final class ScramClientMechanism implements Mqtt5EnhancedAuthMechanism {

    private final String method;
    private final String hmac;
    private final String digest;
    private final int keyBits;
    private final String user;
    private final String password;
    final AtomicInteger serverVerified = new AtomicInteger();
    final AtomicInteger reauthenticated = new AtomicInteger();
    volatile String rejected;

    private String clientFirstBare;
    private String cnonce;
    private byte[] expectedServerSignature;

    ScramClientMechanism(int shaBits, String user, String password) {
        this.method = "SCRAM-SHA-" + shaBits;
        this.hmac = "HmacSHA" + shaBits;
        this.digest = "SHA-" + shaBits;
        this.keyBits = shaBits;
        this.user = user;
        this.password = password;
    }

    @Override
    public MqttUtf8String getMethod() {
        return MqttUtf8String.of(method);
    }

    @Override
    public int getTimeout() {
        return 10;
    }

    private byte[] clientFirst() {
        byte[] r = new byte[18];
        new SecureRandom().nextBytes(r);
        cnonce = Base64.getEncoder().withoutPadding().encodeToString(r).replace('+', '-').replace('/', '_');
        clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + cnonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CompletableFuture<Void> onAuth(Mqtt5ClientConfig config, Mqtt5Connect connect,
                                          Mqtt5EnhancedAuthBuilder builder) {
        builder.data(clientFirst());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> onReAuth(Mqtt5ClientConfig config, Mqtt5AuthBuilder builder) {
        builder.data(clientFirst());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> onContinue(Mqtt5ClientConfig config, Mqtt5Auth auth, Mqtt5AuthBuilder builder) {
        try {
            String serverFirst = text(auth);
            String nonce = null;
            byte[] salt = null;
            int iterations = 0;
            for (String attr : serverFirst.split(",")) {
                if (attr.startsWith("r=")) {
                    nonce = attr.substring(2);
                } else if (attr.startsWith("s=")) {
                    salt = Base64.getDecoder().decode(attr.substring(2));
                } else if (attr.startsWith("i=")) {
                    iterations = Integer.parseInt(attr.substring(2));
                }
            }
            if (nonce == null || !nonce.startsWith(cnonce) || salt == null) {
                return CompletableFuture.completedFuture(false);
            }
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA" + keyBits)
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, keyBits)).getEncoded();
            byte[] clientKey = mac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
            byte[] storedKey = MessageDigest.getInstance(digest).digest(clientKey);
            String withoutProof = "c=biws,r=" + nonce;
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                    .getBytes(StandardCharsets.UTF_8);
            byte[] signature = mac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            expectedServerSignature = mac(mac(salted, "Server Key".getBytes(StandardCharsets.UTF_8)), authMessage);
            builder.data((withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(true);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private boolean verifies(Mqtt5EnhancedAuth auth) {
        boolean ok = ("v=" + Base64.getEncoder().encodeToString(expectedServerSignature)).equals(text(auth));
        if (ok) {
            serverVerified.incrementAndGet();
        }
        return ok;
    }

    @Override
    public CompletableFuture<Boolean> onAuthSuccess(Mqtt5ClientConfig config, Mqtt5ConnAck connAck) {
        return CompletableFuture.completedFuture(connAck.getEnhancedAuth().map(this::verifies).orElse(false));
    }

    @Override
    public CompletableFuture<Boolean> onReAuthSuccess(Mqtt5ClientConfig config, Mqtt5Auth auth) {
        boolean ok = verifies(auth);
        if (ok) {
            reauthenticated.incrementAndGet();
        }
        return CompletableFuture.completedFuture(ok);
    }

    @Override
    public void onAuthRejected(Mqtt5ClientConfig config, Mqtt5ConnAck connAck) {
        rejected = connAck.getReasonCode().toString();
    }

    @Override
    public void onReAuthRejected(Mqtt5ClientConfig config, Mqtt5Disconnect disconnect) {
        rejected = disconnect.getReasonCode().toString();
    }

    @Override
    public void onAuthError(Mqtt5ClientConfig config, Throwable cause) {
        rejected = String.valueOf(cause);
    }

    @Override
    public void onReAuthError(Mqtt5ClientConfig config, Throwable cause) {
        rejected = String.valueOf(cause);
    }

    private byte[] mac(byte[] key, byte[] data) throws Exception {
        Mac m = Mac.getInstance(hmac);
        m.init(new SecretKeySpec(key, hmac));
        return m.doFinal(data);
    }

    private static String text(Mqtt5EnhancedAuth auth) {
        ByteBuffer data = auth.getData().orElse(ByteBuffer.allocate(0));
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
