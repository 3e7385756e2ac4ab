package io.berth.cli.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CertificatesTest {

    @Test
    void dnsNames_matchExactly_caseInsensitive() {
        assertThat(Certificates.matches(List.of("DNS:Broker.Example"), "broker.example", false)).isTrue();
        assertThat(Certificates.matches(List.of("DNS:broker.example"), "other.example", false)).isFalse();
    }

    @Test
    void wildcard_coversOneLabelOnly() {
        List<String> names = List.of("DNS:*.example.com");
        assertThat(Certificates.matches(names, "mqtt.example.com", false)).isTrue();
        assertThat(Certificates.matches(names, "a.b.example.com", false)).isFalse();
        assertThat(Certificates.matches(names, "example.com", false)).isFalse();
    }

    @Test
    void ipLiterals_matchIpNamesOnly() {
        assertThat(Certificates.matches(List.of("IP:127.0.0.1"), "127.0.0.1", true)).isTrue();
        assertThat(Certificates.matches(List.of("DNS:127.0.0.1"), "127.0.0.1", true)).isFalse();
        assertThat(Certificates.matches(List.of("IP:0:0:0:0:0:0:0:1"), "::1", true)).isTrue();
    }

    @Test
    void commonName_isUsedOnlyWithoutSans() {
        assertThat(Certificates.matches(List.of("CN:legacy.example"), "legacy.example", false)).isTrue();
    }
}
