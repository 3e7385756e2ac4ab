package io.berth.it.tools;

import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code berth pub}/{@code sub} over every transport the client speaks, against the broker's own listeners:
 * mqtts:// (server certificate checked with --cafile, or --insecure), mutual TLS (--cert/--key), ws:// and
 * wss:// with a path; and the one-line errors for an untrusted certificate and TLS against a plain port.
 */
class ToolTransportsIT {

    static TestCertificates certs;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(Path.of("target", "tools-tls", UUID.randomUUID().toString()));
        SslOptions serverOnly = SslOptions.defaults()
                .withCertificate(certs.server().certFile(), certs.server().keyFile(), null);
        SslOptions mutual = serverOnly.withClientCertificates(certs.caFile(), true);
        broker = EmbeddedBroker.start(c -> c
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, serverOnly))
                .withListener(ListenerConfig.ssl("mtls", "127.0.0.1", 0, mutual))
                .withListener(ListenerConfig.ws("default", "127.0.0.1", 0))
                .withListener(ListenerConfig.wss("default", "127.0.0.1", 0, serverOnly)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String ca() {
        return certs.caFile().toString();
    }

    /** Subscribes with {@code subArgs} + -t FILTER, publishes with {@code pubArgs} + -t TOPIC, checks arrival. */
    private static void roundTrip(String subUrl, String pubUrl, List<String> tlsArgs) throws Exception {
        String topic = "tr/" + UUID.randomUUID();
        List<String> subArgs = new ArrayList<>(List.of("-L", subUrl + topic + "/#", "-C", "1", "-v", "-q", "1",
                "-d"));
        subArgs.addAll(tlsArgs);
        ToolRun sub = ToolRun.sub().start(subArgs.toArray(String[]::new));
        sub.awaitOutput("received SUBACK");

        List<String> pubArgs = new ArrayList<>(List.of("-L", pubUrl + topic + "/x", "-m", "hello", "-q", "1"));
        pubArgs.addAll(tlsArgs);
        ToolRun pub = ToolRun.pub();
        assertThat(pub.run(pubArgs.toArray(String[]::new))).as(pub.err()).isZero();

        assertThat(sub.awaitExit()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly(topic + "/x hello");
    }

    @Test
    void mqtts_withCafile_publishesAndSubscribes() throws Exception {
        String url = "mqtts://127.0.0.1:" + broker.port("ssl:default") + "/";
        roundTrip(url, url, List.of("--cafile", ca()));
    }

    @Test
    void mqtts_byHostName_withCafile_checksTheNameAgainstTheCertificate() throws Exception {
        String url = "mqtts://localhost:" + broker.port("ssl:default") + "/";
        roundTrip(url, url, List.of("--cafile", ca()));
    }

    @Test
    void mqtts_insecure_skipsTheCertificateCheck() throws Exception {
        String url = "mqtts://127.0.0.1:" + broker.port("ssl:default") + "/";
        roundTrip(url, url, List.of("--insecure"));
    }

    @Test
    void hostAndPort_withCafile_meansTls() throws Exception {
        String topic = "tr/" + UUID.randomUUID();
        String port = String.valueOf(broker.port("ssl:default"));
        ToolRun sub = ToolRun.sub().start("-h", "127.0.0.1", "-p", port, "--cafile", ca(), "-t", topic, "-C", "1",
                "-d");
        sub.awaitOutput("received SUBACK");
        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-h", "127.0.0.1", "-p", port, "--cafile", ca(), "-t", topic, "-m", "m", "-q", "2"))
                .as(pub.err()).isZero();
        assertThat(sub.awaitExit()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly("m");
    }

    @Test
    void mutualTls_withCertAndKey_publishesAndSubscribes() throws Exception {
        String url = "mqtts://127.0.0.1:" + broker.port("ssl:mtls") + "/";
        roundTrip(url, url, List.of("--cafile", ca(), "--cert", certs.client().certFile().toString(),
                "--key", certs.client().keyFile().toString()));
    }

    @Test
    void ws_withPath_publishesAndSubscribes() throws Exception {
        String url = "ws://127.0.0.1:" + broker.port("ws:default") + "/mqtt/";
        roundTrip(url, url, List.of());
    }

    @Test
    void wss_withCafile_toAPlainTcpSubscriber() throws Exception {
        String wss = "wss://127.0.0.1:" + broker.port("wss:default") + "/mqtt/";
        String ssl = "mqtts://127.0.0.1:" + broker.port("ssl:default") + "/";
        roundTrip(ssl, wss, List.of("--cafile", ca()));
    }

    @Test
    void mqtts_withoutTheCa_failsSayingTheCertificateIsNotTrusted() {
        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-L", "mqtts://127.0.0.1:" + broker.port("ssl:default") + "/t", "-m", "x")).isEqualTo(1);
        assertThat(pub.err()).startsWith("berth pub: TLS handshake with 127.0.0.1:" + broker.port("ssl:default")
                + " failed: the server's certificate is not trusted: give the CA that signed it with --cafile");
        assertThat(pub.err().lines()).hasSize(1);
    }

    @Test
    void mqtts_toAPlainPort_failsAskingWhetherItIsAPlainPort() {
        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-L", "mqtts://127.0.0.1:" + broker.port() + "/t", "-m", "x", "--cafile", ca()))
                .isEqualTo(1);
        assertThat(pub.err()).as(pub.err()).contains("failed: the server closed the connection (is it a plain MQTT port?");
        assertThat(pub.err().lines()).hasSize(1);
    }

    @Test
    void ws_wrongPath_failsNamingTheUpgrade() {
        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-L", "ws://127.0.0.1:" + broker.port("ws:default") + "/nope/t", "-m", "x"))
                .isEqualTo(1);
        assertThat(pub.err()).as(pub.err()).contains("WebSocket upgrade at 127.0.0.1:");
        assertThat(pub.err().lines()).hasSize(1);
    }

    @Test
    void tlsOptions_withPlainMqttUrl_areAUsageError() {
        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-L", "mqtt://127.0.0.1:" + broker.port() + "/t", "-m", "x", "--cafile", ca()))
                .isEqualTo(2);
        assertThat(pub.err()).contains("need TLS: use mqtts://, wss:// or quic://");
    }

    @Test
    void missingCafile_isAOneLineError() {
        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-L", "mqtts://127.0.0.1:" + broker.port("ssl:default") + "/t", "-m", "x",
                "--cafile", "/nonexistent/ca.pem")).isEqualTo(2);
        assertThat(pub.err()).isEqualTo("berth pub: Cannot read the CA file /nonexistent/ca.pem: no such file"
                + System.lineSeparator());
    }
}
