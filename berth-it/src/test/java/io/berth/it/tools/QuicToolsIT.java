package io.berth.it.tools;

import io.berth.server.config.QuicListenerConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.QuicTestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools over QUIC ({@code quic://}) against the broker's QUIC listener: pub/sub with the server certificate
 * checked against --cafile and the host name, bench, and check's QUIC step (success, untrusted certificate,
 * nothing listening on the UDP port).
 */
class QuicToolsIT {

    static QuicTestCertificates certs;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        certs = QuicTestCertificates.generate();
        broker = EmbeddedBroker.start(c -> c.withQuicListener(
                QuicListenerConfig.of("default", "127.0.0.1", 0, certs.serverSsl())));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String url() {
        return "quic://localhost:" + broker.quicPort();
    }

    @Test
    void pubAndSub_overQuic_withCafile() throws Exception {
        String topic = "quic/" + UUID.randomUUID();
        ToolRun sub = ToolRun.sub().start("-L", url() + "/" + topic + "/#", "--cafile", certs.caCert().toString(),
                "-C", "1", "-v", "-q", "1", "-d");
        sub.awaitOutput("received SUBACK");

        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-L", url() + "/" + topic + "/a", "--cafile", certs.caCert().toString(), "-m", "over quic",
                "-q", "2")).as(pub.err()).isZero();

        assertThat(sub.awaitExit()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly(topic + "/a over quic");
    }

    @Test
    void pub_overQuic_withoutTheCa_failsOnTheHandshake() {
        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-L", url() + "/t", "-m", "x")).isEqualTo(1);
        assertThat(pub.err()).startsWith("berth pub: QUIC").contains("localhost:" + broker.quicPort());
        assertThat(pub.err().lines()).hasSize(1);
    }

    @Test
    void bench_p2p_overQuic() {
        ToolRun bench = ToolRun.bench();
        assertThat(bench.run("scenario", "p2p", "-c", "2", "-L", "5", "-I", "2", "-i", "0", "--json", "--url", url(),
                "--cafile", certs.caCert().toString())).as(bench.err()).isZero();
        assertThat(bench.out()).contains("\"endpoint\":\"quic://localhost:" + broker.quicPort() + "\"",
                "\"received\":10,");
    }

    @Test
    void check_overQuic_handshakeAndRoundTrip() {
        ToolRun check = ToolRun.check();
        assertThat(check.run(url(), "--cafile", certs.caCert().toString())).as(check.out()).isZero();
        assertThat(check.out()).contains("ok    QUIC      handshake done: TLS 1.3, ALPN mqtt",
                "ok    MQTT      CONNACK: success", "ok    MQTT      publish + subscribe round trip", "result: OK");
    }

    @Test
    void check_overQuic_untrustedCertificate_failsAtQuic() {
        ToolRun check = ToolRun.check();
        assertThat(check.run(url())).as(check.out()).isEqualTo(1);
        assertThat(check.out()).contains("FAIL  QUIC", "fix: check the UDP port").doesNotContain("Exception");
    }

    @Test
    void check_overQuic_nothingOnTheUdpPort_timesOutAtQuic() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ToolRun check = ToolRun.check();
        assertThat(check.run("quic://127.0.0.1:" + port, "--timeout", "2")).as(check.out()).isEqualTo(1);
        assertThat(check.out()).contains("FAIL  QUIC", "127.0.0.1:" + port);
    }
}
