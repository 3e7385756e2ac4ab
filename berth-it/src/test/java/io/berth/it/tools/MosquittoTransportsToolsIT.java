package io.berth.it.tools;

import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tools' TLS and WebSocket transports against another implementation: a Mosquitto broker (Debian's
 * {@code mosquitto}) with a TLS listener and a WebSocket listener on free ports, with mosquitto_sub on the
 * other side for TLS; {@code berth check} and {@code berth bench} against it too.
 */
class MosquittoTransportsToolsIT {

    @TempDir
    static Path dir;

    static TestCertificates certs;
    static ChildProcess mosquitto;
    static int tlsPort;
    static int wsPort;

    @BeforeAll
    static void startMosquitto() throws Exception {
        certs = TestCertificates.create(dir.resolve("certs"));
        tlsPort = freePort();
        wsPort = freePort();
        Path conf = dir.resolve("mosquitto.conf");
        // "user root" keeps mosquitto from dropping to the mosquitto user (who cannot read our key) when run as
        // root, as in CI containers; it is ignored otherwise
        Files.writeString(conf, "user root\nallow_anonymous true\npersistence false\n"
                + "listener " + tlsPort + " 127.0.0.1\ncertfile " + certs.server().certFile().toAbsolutePath()
                + "\nkeyfile " + certs.server().keyFile().toAbsolutePath() + "\n"
                + "listener " + wsPort + " 127.0.0.1\nprotocol websockets\n");
        mosquitto = ChildProcess.start(dir, "/usr/sbin/mosquitto", "-c", conf.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> listening(tlsPort) && listening(wsPort));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stopMosquitto() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static String ca() {
        return certs.caFile().toAbsolutePath().toString();
    }

    @Test
    void berthPubOverTls_toMosquittoSubOverTls() throws Exception {
        String topic = "mosq-tls/" + UUID.randomUUID();
        try (ChildProcess sub = ChildProcess.start(dir, "/usr/bin/stdbuf", "-oL", "/usr/bin/mosquitto_sub",
                "-h", "localhost", "-p", String.valueOf(tlsPort), "--cafile", ca(), "-t", topic, "-C", "1", "-v",
                "-d", "-q", "1")) {
            sub.awaitOutput("received SUBACK");

            ToolRun pub = ToolRun.pub();
            assertThat(pub.run("-L", "mqtts://localhost:" + tlsPort + "/" + topic, "--cafile", ca(), "-m",
                    "tls from berth", "-q", "1")).as(pub.err()).isZero();

            assertThat(sub.awaitExit()).isZero();
            assertThat(sub.lines()).contains(topic + " tls from berth");
        }
    }

    @Test
    void berthPubOverWebSocket_toBerthSubOverTls_throughMosquitto() throws Exception {
        String topic = "mosq-ws/" + UUID.randomUUID();
        ToolRun sub = ToolRun.sub().start("-L", "mqtts://127.0.0.1:" + tlsPort + "/" + topic, "--cafile", ca(),
                "-C", "1", "-v", "-d", "-V", "311");
        sub.awaitOutput("received SUBACK");

        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-L", "ws://127.0.0.1:" + wsPort + "/mqtt/" + topic, "-m", "ws to tls", "-q", "2"))
                .as(pub.err()).isZero();

        assertThat(sub.awaitExit()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly(topic + " ws to tls");
    }

    @Test
    void check_mosquittoTlsListener_passesEveryStep() {
        ToolRun check = ToolRun.check();
        assertThat(check.run("mqtts://localhost:" + tlsPort, "--cafile", ca())).as(check.out()).isZero();
        assertThat(check.out()).contains("ok    TLS       the chain is trusted by --cafile",
                "ok    TLS       the certificate matches the host name 'localhost'", "ok    MQTT      CONNACK: success",
                "result: OK");
    }

    @Test
    void check_mosquittoWebSocketListener_upgradesWithSubprotocolMqtt() {
        ToolRun check = ToolRun.check();
        assertThat(check.run("ws://127.0.0.1:" + wsPort + "/mqtt")).as(check.out()).isZero();
        assertThat(check.out()).contains("ok    WebSocket upgraded at /mqtt", "ok    WebSocket subprotocol mqtt",
                "ok    MQTT      publish + subscribe round trip");
    }

    @Test
    void bench_p2p_overWebSocket_againstMosquitto() {
        ToolRun bench = ToolRun.bench();
        assertThat(bench.run("scenario", "p2p", "-c", "2", "-L", "5", "-I", "2", "-i", "0", "--json", "--url",
                "ws://127.0.0.1:" + wsPort + "/mqtt", "--prefix", "m" + UUID.randomUUID().toString().substring(0, 6)))
                .as(bench.err()).isZero();
        assertThat(bench.out()).contains("\"sent\":10,", "\"received\":10,");
    }
}
