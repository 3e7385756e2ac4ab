package io.berth.it.tools;

import com.sun.net.httpserver.HttpServer;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code berth check} against real endpoints: the broker's tcp, ssl, mutual-TLS, ws and wss listeners, listeners
 * with an expired certificate and with one naming another host, a closed port and a plain HTTP server. Each
 * diagnosis is asserted, with the exit status, and no stack trace ever shows.
 */
class CheckIT {

    static TestCertificates certs;
    static EmbeddedBroker broker;
    static HttpServer http;

    @BeforeAll
    static void start() throws IOException {
        certs = TestCertificates.create(Path.of("target", "check-tls", UUID.randomUUID().toString()));
        SslOptions good = SslOptions.defaults().withCertificate(certs.server().certFile(), certs.server().keyFile(),
                null);
        TestCertificates.Pair expired = certs.expiredServerCertificate();
        TestCertificates.Pair other = certs.serverCertificateFor("other.example");
        Path[] selfSigned = selfSigned(certs.dir());
        broker = EmbeddedBroker.start(c -> c
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, good))
                .withListener(ListenerConfig.ssl("mtls", "127.0.0.1", 0,
                        good.withClientCertificates(certs.caFile(), true)))
                .withListener(ListenerConfig.ssl("expired", "127.0.0.1", 0,
                        SslOptions.defaults().withCertificate(expired.certFile(), expired.keyFile(), null)))
                .withListener(ListenerConfig.ssl("other", "127.0.0.1", 0,
                        SslOptions.defaults().withCertificate(other.certFile(), other.keyFile(), null)))
                .withListener(ListenerConfig.ssl("selfsigned", "127.0.0.1", 0,
                        SslOptions.defaults().withCertificate(selfSigned[0], selfSigned[1], null)))
                .withListener(ListenerConfig.ws("default", "127.0.0.1", 0))
                .withListener(ListenerConfig.wss("default", "127.0.0.1", 0, good)));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
    }

    /** A self-signed server certificate for localhost and 127.0.0.1, made by openssl as people do. */
    private static Path[] selfSigned(Path dir) throws IOException {
        Path cert = dir.resolve("self-signed.pem");
        Path key = dir.resolve("self-signed.key");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "1", "-subj", "/CN=self-signed.localhost", "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1").redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(output).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Path[] {cert, key};
    }

    @AfterAll
    static void stop() {
        broker.close();
        http.stop(0);
    }

    private static ToolRun check(int expectedExit, String... args) {
        ToolRun run = ToolRun.check();
        int exit = run.run(args);
        System.out.println(run.out() + run.err()); // the report, in the IT's output file
        assertThat(exit).as(run.out() + run.err()).isEqualTo(expectedExit);
        assertThat(run.out() + run.err()).doesNotContain("Exception", "\tat ");
        return run;
    }

    private static String ssl(String name) {
        return "127.0.0.1:" + broker.port("ssl:" + name);
    }

    @Test
    void plainBroker_allStepsPass_withTheRoundTripLatency() {
        ToolRun run = check(0, "mqtt://127.0.0.1:" + broker.port());
        assertThat(run.out()).contains("ok    DNS       127.0.0.1 -> 127.0.0.1", "ok    TCP       connected to",
                "ok    MQTT      CONNACK: success (0x00), MQTT 5.0", "ok    MQTT      publish + subscribe round trip on "
                        + "berth/check/", "result: OK");
    }

    @Test
    void plainBroker_mqtt311_connacksAndRoundTrips() {
        ToolRun run = check(0, "mqtt://127.0.0.1:" + broker.port(), "-V", "311");
        assertThat(run.out()).contains("CONNACK: success (return code 0), MQTT 3.1.1", "result: OK");
    }

    @Test
    void tls_withCafile_reportsProtocolCipherChainTrustAndHostName() {
        ToolRun run = check(0, "mqtts://" + ssl("default"), "--cafile", certs.caFile().toString());
        assertThat(run.out()).contains("ok    TLS       handshake done: TLSv1.3, TLS_",
                "certificate 0: CN=localhost, issued by CN=Berth Test CA", "days left)", "EC 256 bits",
                "the chain is trusted by --cafile", "the certificate matches the host name '127.0.0.1' (DNS:localhost, "
                        + "IP:127.0.0.1", "the server does not ask for a client certificate",
                "ok    TLS       the server refuses TLS 1.0 and 1.1", "CONNACK: success", "result: OK");
    }

    @Test
    void tls_withoutCafile_saysTheIssuerIsUnknownToTheSystemStore_andStillChecksMqtt() {
        ToolRun run = check(1, "mqtts://" + ssl("default"));
        assertThat(run.out()).contains("FAIL  TLS       the chain is not trusted by the system trust store: its issuer "
                + "CN=Berth Test CA is unknown there", "fix: give the CA that signed it with --cafile",
                "checking MQTT without certificate checks", "ok    MQTT      CONNACK: success");
    }

    @Test
    void expiredCertificate_isDiagnosedWithItsDate() {
        ToolRun run = check(1, "mqtts://" + ssl("expired"), "--cafile", certs.caFile().toString());
        assertThat(run.out()).contains("(EXPIRED)", "FAIL  TLS       certificate 0 (CN=localhost) expired on ",
                "fix: renew the server certificate", "result: FAILED at TLS: certificate 0 (CN=localhost) expired");
    }

    @Test
    void selfSignedCertificate_isToldApartFromAnUnknownCa() {
        ToolRun run = check(1, "mqtts://" + ssl("selfsigned"));
        assertThat(run.out()).contains("certificate 0: CN=self-signed.localhost, issued by CN=self-signed.localhost",
                "FAIL  TLS       the server's certificate is self-signed and not trusted by the system trust store",
                "fix: if you trust it, give it with --cafile");
    }

    @Test
    void hostNameMismatch_namesWhatTheCertificateCovers() {
        ToolRun run = check(1, "mqtts://" + ssl("other"), "--cafile", certs.caFile().toString());
        assertThat(run.out()).contains("FAIL  TLS       host name mismatch: the certificate names DNS:other.example, "
                + "not '127.0.0.1'", "the chain is trusted by --cafile");
    }

    @Test
    void clientCertificateRequired_withoutOne_saysToGiveCertAndKey() {
        ToolRun run = check(1, "mqtts://" + ssl("mtls"), "--cafile", certs.caFile().toString());
        assertThat(run.out()).contains("FAIL  TLS       the server requires a client certificate",
                "fix: give --cert and --key (it accepts certificates issued by CN=Berth Test CA)",
                "info  MQTT      not checked: fix TLS first");
    }

    @Test
    void clientCertificateRequired_withOne_passes() {
        ToolRun run = check(0, "mqtts://" + ssl("mtls"), "--cafile", certs.caFile().toString(),
                "--cert", certs.client().certFile().toString(), "--key", certs.client().keyFile().toString());
        assertThat(run.out()).contains("the server asked for a client certificate; ours was sent", "result: OK");
    }

    @Test
    void badCredentials_connackReasonInWords_andTheFix() {
        ToolRun run = check(1, "mqtt://nobody:wrong@127.0.0.1:" + broker.port());
        assertThat(run.out()).contains("FAIL  MQTT      the broker refused the connection: bad user name or password "
                + "(0x86)", "fix: check the user name and password");
    }

    @Test
    void closedPort_isConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ToolRun run = check(1, "mqtt://127.0.0.1:" + port);
        assertThat(run.out()).contains("FAIL  TCP       127.0.0.1:" + port + ": connection refused (nothing listens on "
                + "port " + port + ")", "fix: start the broker");
    }

    @Test
    void httpServer_onTheMqttUrl_isNamedAnHttpServer() {
        ToolRun run = check(1, "mqtt://127.0.0.1:" + http.getAddress().getPort());
        assertThat(run.out()).contains("an HTTP server answers on port " + http.getAddress().getPort()
                + ", not an MQTT broker");
    }

    @Test
    void httpServer_onAWebSocketUrl_hasNoWebSocketAtThePath() {
        ToolRun run = check(1, "ws://127.0.0.1:" + http.getAddress().getPort() + "/mqtt");
        assertThat(run.out()).contains("FAIL  WebSocket");
    }

    @Test
    void tlsUrl_onAPlainPort_saysItIsNotTls() {
        ToolRun run = check(1, "mqtts://127.0.0.1:" + broker.port());
        assertThat(run.out()).contains("FAIL  TLS", "use mqtt://", "not checked: fix TLS first");
    }

    @Test
    void plainUrl_onATlsPort_saysTheServerSpeaksTls() {
        ToolRun run = check(1, "mqtt://" + ssl("default"));
        assertThat(run.out()).contains("FAIL  MQTT      the server speaks TLS on this port", "fix: use mqtts://");
    }

    @Test
    void webSocket_reportsUpgradeAndSubprotocol() {
        ToolRun run = check(0, "ws://127.0.0.1:" + broker.port("ws:default") + "/mqtt");
        assertThat(run.out()).contains("ok    WebSocket upgraded at /mqtt (HTTP/1.1 101", "ok    WebSocket subprotocol mqtt",
                "result: OK");
    }

    @Test
    void webSocket_wrongPath_isDiagnosed() {
        ToolRun run = check(1, "ws://127.0.0.1:" + broker.port("ws:default") + "/nope");
        assertThat(run.out()).contains("FAIL  WebSocket", "/nope");
    }

    @Test
    void secureWebSocket_withCafile_passes() {
        ToolRun run = check(0, "wss://127.0.0.1:" + broker.port("wss:default") + "/mqtt", "--cafile",
                certs.caFile().toString());
        assertThat(run.out()).contains("ok    TLS       handshake done", "ok    WebSocket subprotocol mqtt",
                "result: OK");
    }

    @Test
    void unknownHost_failsAtDns() {
        ToolRun run = check(1, "mqtt://no-such-host.invalid:1883", "--timeout", "3");
        assertThat(run.out()).contains("FAIL  DNS       cannot resolve 'no-such-host.invalid'");
    }
}
