package io.berth.it.authn;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.berth.server.config.ClientSslOptions;
import io.berth.server.config.JwtAuthConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.TestCertificates;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JWT signatures checked with a JWK Set fetched from a URL (EMQX's JWKS endpoint), over HTTPS with a private CA and
 * over HTTP, from real local servers: keys rotate at the server and the broker follows without a restart.
 */
class JwksEndpointIT {

    @TempDir
    static Path dir;

    static RSAKey first;
    static RSAKey second;
    static final AtomicReference<String> served = new AtomicReference<>();
    static HttpsTestService https;
    static HttpsTestService http;
    static EmbeddedBroker overHttps;
    static EmbeddedBroker overHttp;

    @BeforeAll
    static void start() throws Exception {
        first = new RSAKeyGenerator(2048).keyID("k1").generate();
        second = new RSAKeyGenerator(2048).keyID("k2").generate();
        served.set(new JWKSet(first.toPublicJWK()).toString());
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        https = HttpsTestService.https(certs.server()).json("/jwks", served::get);
        http = HttpsTestService.http().json("/jwks", served::get);
        overHttps = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("s")).withAuthentication(c.authentication()
                .withJwt(JwtAuthConfig.jwksEndpoint(https.url("/jwks"), Duration.ofSeconds(1),
                        ClientSslOptions.trusting(certs.caFile())))));
        overHttp = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("h")).withAuthentication(c.authentication()
                .withJwt(JwtAuthConfig.jwksEndpoint(http.url("/jwks"), Duration.ofHours(1),
                        ClientSslOptions.DEFAULTS))));
    }

    @AfterAll
    static void stop() {
        for (EmbeddedBroker b : new EmbeddedBroker[] {overHttps, overHttp}) {
            if (b != null) {
                b.close();
            }
        }
        https.close();
        http.close();
    }

    private static String token(RSAKey key) throws Exception {
        return JwtAuthenticationIT.rs(key, JwtAuthenticationIT.claims("dev", 60).build());
    }

    @Test
    void keysFromTheEndpoint_verifyTokens_andRotateWithoutRestart() throws Exception {
        JwtAuthenticationIT.connect5(overHttps, "dev", token(first));
        JwtAuthenticationIT.refused5(overHttps, "dev", token(second));
        served.set(new JWKSet(second.toPublicJWK()).toString()); // the identity provider rotates its keys
        try {
            String rotated = token(second);
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .untilAsserted(() -> JwtAuthenticationIT.connect5(overHttps, "dev", rotated));
            JwtAuthenticationIT.refused5(overHttps, "dev", token(first));
        } finally {
            served.set(new JWKSet(first.toPublicJWK()).toString());
        }
    }

    @Test
    void plainHttpEndpoint_works_tokensSignedByOtherKeysAreRefused() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .untilAsserted(() -> JwtAuthenticationIT.connect5(overHttp, "dev", token(first)));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertThatThrownBy(() -> JwtAuthenticationIT.connect5(overHttp, "dev", token(stranger)));
    }
}
