package io.berth.server.tls;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SniNamesTest {

    static final CertificateAuthority CA = CertificateAuthority.create("Unit CA", Duration.ofDays(1));

    private static X509Certificate cert(String... dnsNames) {
        Instant now = Instant.now();
        return CA.issueServer(dnsNames[0], List.of(dnsNames), List.of(), now.minusSeconds(60), now.plusSeconds(3600), 0)
                .certificate();
    }

    @Test
    void exactName_isCovered_caseInsensitively() {
        X509Certificate c = cert("a.example.com", "b.example.com");
        assertThat(SniNames.covers(c, "a.example.com")).isTrue();
        assertThat(SniNames.covers(c, "B.Example.com")).isTrue();
        assertThat(SniNames.covers(c, "c.example.com")).isFalse();
    }

    @Test
    void wildcardSan_coversOneLabel_andTheSameWildcard() {
        X509Certificate c = cert("*.example.com");
        assertThat(SniNames.covers(c, "a.example.com")).isTrue();
        assertThat(SniNames.covers(c, "*.example.com")).isTrue();
        assertThat(SniNames.covers(c, "a.b.example.com")).isFalse();
        assertThat(SniNames.covers(c, "example.com")).isFalse();
    }

    @Test
    void wildcardEntry_isNotCoveredByOneExactName() {
        assertThat(SniNames.covers(cert("a.example.com"), "*.example.com")).isFalse();
    }
}
