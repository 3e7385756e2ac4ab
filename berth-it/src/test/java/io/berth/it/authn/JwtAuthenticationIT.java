package io.berth.it.authn;

import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.berth.server.config.JwtAuthConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JWT in the Password: HMAC, RSA and ECDSA (public key and JWK Set file), exp/nbf and verify_claims. A token the
 * broker refuses gives CONNACK 0x86 (MQTT 5) / return code 4 (3.1.1), spec 3.2.2.2 and 3.2.2.3.
 */
class JwtAuthenticationIT {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-berth".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    static EmbeddedBroker hmac;
    static EmbeddedBroker rsa;
    static EmbeddedBroker jwks;
    static RSAKey rsaKey;
    static ECKey ecKey;
    static Path jwksFile;

    @BeforeAll
    static void start() throws Exception {
        rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        hmac = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("h")).withAuthentication(c.authentication()
                .withJwt(JwtAuthConfig.hmac(SECRET).withVerifyClaims(Map.of("sub", "${username}")))));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                rsaKey.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        rsa = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("r"))
                .withAuthentication(c.authentication().withJwt(JwtAuthConfig.publicKey(pem))));
        jwksFile = dir.resolve("jwks.json");
        Files.writeString(jwksFile, new JWKSet(rsaKey.toPublicJWK()).toString());
        jwks = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("j"))
                .withAuthentication(c.authentication().withJwt(JwtAuthConfig.jwks(jwksFile))));
    }

    @AfterAll
    static void stop() {
        for (EmbeddedBroker b : new EmbeddedBroker[] {hmac, rsa, jwks}) {
            if (b != null) {
                b.close();
            }
        }
    }

    static JWTClaimsSet.Builder claims(String sub, long expSeconds) {
        return new JWTClaimsSet.Builder().subject(sub).expirationTime(new Date(System.currentTimeMillis()
                + expSeconds * 1000));
    }

    static String hs(JWSAlgorithm alg, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    static String rs(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static void connect5(EmbeddedBroker broker, String user, String token) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("jwt-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        c.connectWith().simpleAuth().username(user).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .send();
        c.disconnect();
    }

    static void refused5(EmbeddedBroker broker, String user, String token) {
        assertThatThrownBy(() -> connect5(broker, user, token)).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void hs256Token_withMatchingSub_isAccepted_MQTT5() throws Exception {
        connect5(hmac, "dev-1", hs(JWSAlgorithm.HS256, claims("dev-1", 60).build()));
    }

    @Test
    void hs256Token_isAccepted_MQTT311() throws Exception {
        var c = Mqtt3Client.builder().identifier("jwt3-" + UUID.randomUUID()).serverHost(hmac.host())
                .serverPort(hmac.port()).buildBlocking();
        c.connectWith().simpleAuth().username("dev-2")
                .password(hs(JWSAlgorithm.HS256, claims("dev-2", 60).build()).getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        c.disconnect();
    }

    @Test
    void expiredToken_isRefusedWith0x86_andTheReasonIsLogged() throws Exception {
        try (LogCapture log = LogCapture.of("event.connection")) {
            refused5(hmac, "dev-3", hs(JWSAlgorithm.HS256, claims("dev-3", -120).build()));
            assertThat(log.messages()).anyMatch(m -> m.contains("client.auth_failed") && m.contains("by=jwt")
                    && m.contains("Expired JWT"));
        }
    }

    @Test
    void expiredToken_isRefusedWithReturnCode4_MQTT311() throws Exception {
        String token = hs(JWSAlgorithm.HS256, claims("dev-4", -120).build());
        var c = Mqtt3Client.builder().identifier("jwt3-" + UUID.randomUUID()).serverHost(hmac.host())
                .serverPort(hmac.port()).buildBlocking();
        assertThatThrownBy(() -> c.connectWith().simpleAuth().username("dev-4")
                .password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send())
                .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(e.getMqttMessage()
                        .getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void tokenNotYetValid_isRefused() throws Exception {
        refused5(hmac, "dev-5", hs(JWSAlgorithm.HS256, claims("dev-5", 600)
                .notBeforeTime(new Date(System.currentTimeMillis() + 300_000)).build()));
    }

    @Test
    void tokenWithoutExp_isRefused() throws Exception {
        refused5(hmac, "dev-6", hs(JWSAlgorithm.HS256, new JWTClaimsSet.Builder().subject("dev-6").build()));
    }

    @Test
    void subClaimForAnotherUser_isRefused() throws Exception {
        refused5(hmac, "dev-7", hs(JWSAlgorithm.HS256, claims("someone-else", 60).build()));
    }

    @Test
    void wrongSecret_isRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("dev-8", 60).build());
        jwt.sign(new MACSigner("another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8)));
        refused5(hmac, "dev-8", jwt.serialize());
    }

    @Test
    void malformedToken_isRefused_andAPlainPasswordIsLeftToTheChain() {
        refused5(hmac, "dev-9", "eyJhbGciOiJIUzI1NiJ9.not-json.sig");
        refused5(hmac, "dev-9", "just-a-password"); // ignored by jwt; unknown to the user store: 0x86
    }

    @Test
    void rs256Token_withThePublicKey_isAccepted_andAnHmacTokenIsNot() throws Exception {
        connect5(rsa, "r-1", rs(rsaKey, claims("r-1", 60).build()));
        refused5(rsa, "r-1", hs(JWSAlgorithm.HS256, claims("r-1", 60).build()));
    }

    @Test
    void jwksFile_isReadAgainWhenItChanges() throws Exception {
        connect5(jwks, "j-1", rs(rsaKey, claims("j-1", 60).build()));
        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
                claims("j-1", 60).build());
        es.sign(new ECDSASigner(ecKey));
        refused5(jwks, "j-1", es.serialize());
        String both = new JWKSet(java.util.List.of(rsaKey.toPublicJWK(), ecKey.toPublicJWK())).toString();
        Files.writeString(jwksFile, both + "\n"); // a different size: seen as changed even within one clock tick
        connect5(jwks, "j-1", es.serialize());
    }
}
