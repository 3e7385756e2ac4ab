package io.berth.cli.audit;

import io.berth.core.auth.AnonymousAccess;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.SslOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.berth.cli.audit.CipherChecks.Strength.BROKEN;
import static io.berth.cli.audit.CipherChecks.Strength.CBC;
import static io.berth.cli.audit.CipherChecks.Strength.NO_FORWARD_SECRECY;
import static io.berth.cli.audit.CipherChecks.Strength.SOUND;
import static org.assertj.core.api.Assertions.assertThat;

class CipherAndListenerChecksTest {

    @Test
    void cipherSuites_classified() {
        SslOptions.DEFAULT_CIPHERS.forEach(s -> assertThat(CipherChecks.classify(s)).as(s).isEqualTo(SOUND));
        assertThat(CipherChecks.classify("TLS_RSA_WITH_AES_128_GCM_SHA256")).isEqualTo(NO_FORWARD_SECRECY);
        assertThat(CipherChecks.classify("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")).isEqualTo(CBC);
        assertThat(CipherChecks.classify("TLS_RSA_WITH_RC4_128_SHA")).isEqualTo(BROKEN);
        assertThat(CipherChecks.classify("TLS_RSA_WITH_3DES_EDE_CBC_SHA")).isEqualTo(BROKEN);
        assertThat(CipherChecks.classify("TLS_ECDH_anon_WITH_AES_128_CBC_SHA")).isEqualTo(BROKEN);
        assertThat(CipherChecks.classify("TLS_RSA_WITH_NULL_SHA256")).isEqualTo(BROKEN);
    }

    @Test
    void weakCiphersOnAnSslListener_oneFindingPerSeverity() {
        SslOptions ssl = new SslOptions(null, null, null, null, false, false, SslOptions.SUPPORTED_VERSIONS,
                List.of("TLS_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_RC4_128_SHA",
                        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"), null);
        BrokerConfig config = BrokerConfig.defaults()
                .withListeners(List.of(ListenerConfig.ssl("default", "0.0.0.0", 8883, ssl)));

        List<Finding> findings = new CipherChecks().run(config);

        assertThat(findings).extracting(Finding::severity, Finding::check).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Severity.HIGH, "tls_cipher_broken"),
                org.assertj.core.groups.Tuple.tuple(Severity.MEDIUM, "tls_cipher_no_forward_secrecy"),
                org.assertj.core.groups.Tuple.tuple(Severity.LOW, "tls_cipher_cbc"));
        assertThat(findings.get(0).problem()).contains("TLS_RSA_WITH_RC4_128_SHA");
        assertThat(findings.get(0).fix()).contains("listeners.ssl.default.ssl_options.ciphers");
    }

    @Test
    void anonymousOnTlsListenerThatRequiresClientCertificates_isLowNotHigh() {
        SslOptions mtls = SslOptions.defaults().withClientCertificates(java.nio.file.Path.of("/ca.pem"), true);
        BrokerConfig config = BrokerConfig.defaults().withTcpListeners(List.of()).withQuicListeners(List.of())
                .withListeners(List.of(ListenerConfig.ssl("default", "0.0.0.0", 8883, mtls)))
                .withAuthentication(BrokerConfig.defaults().authentication()
                        .withAnonymous("ssl:default", AnonymousAccess.ALLOW));

        List<Finding> findings = new ListenerChecks(BindAddresses::loopbackOnly).run(config);

        assertThat(findings).extracting(Finding::severity, Finding::check)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.LOW, "anonymous_public"));
    }

    @Test
    void managementEndpoint_onLoopbackIsFine_elsewhereHigh() {
        BrokerConfig base = BrokerConfig.defaults().withTcpListeners(List.of()).withListeners(List.of())
                .withQuicListeners(List.of());
        ListenerChecks checks = new ListenerChecks(BindAddresses::loopbackOnly);

        assertThat(checks.run(base.withManagement(ManagementConfig.on("127.0.0.1", 18083)))).isEmpty();
        assertThat(checks.run(base.withManagement(ManagementConfig.on("::1", 18083)))).isEmpty();
        assertThat(checks.run(base.withManagement(ManagementConfig.on("0.0.0.0", 18083))))
                .extracting(Finding::severity).containsExactly(Severity.HIGH);
        assertThat(checks.run(base.withManagement(ManagementConfig.disabled()))).isEmpty();
    }

    @Test
    void bindAddresses() {
        assertThat(BindAddresses.loopbackOnly("127.0.0.1")).isTrue();
        assertThat(BindAddresses.loopbackOnly("127.0.0.2")).isTrue();
        assertThat(BindAddresses.loopbackOnly("::1")).isTrue();
        assertThat(BindAddresses.loopbackOnly("0.0.0.0")).isFalse();
        assertThat(BindAddresses.loopbackOnly("::")).isFalse();
        assertThat(BindAddresses.loopbackOnly("192.0.2.10")).isFalse();
        assertThat(BindAddresses.loopbackOnly("no-such-host.invalid")).isFalse();
    }
}
