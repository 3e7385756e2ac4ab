package io.berth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StartCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, StopSignal stop, String... args) {
        var cmd = BerthCommand.create(env, dir.resolve("conf/berth.conf"), stop);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private int run(String... args) {
        return run(Map.of(), () -> { }, args);
    }

    /** A config on a free loopback port that writes its log under the temp dir, with the shipped ACL rules. */
    private Path loopbackConfig(String name) throws IOException {
        Path file = dir.resolve(name);
        Path acl = Files.copy(Path.of("..", "conf", "acl.conf"), dir.resolve(name + ".acl"));
        Files.writeString(file, """
                listeners.tcp.default.bind = "127.0.0.1:0"
                listeners.ssl.default.bind = "127.0.0.1:0"
                listeners.ws.default.bind = "127.0.0.1:0"
                listeners.wss.default.bind = "127.0.0.1:0"
                listeners.quic.default.bind = "127.0.0.1:0"
                dashboard.listeners.http.bind = "127.0.0.1:0"
                sys_topics.sys_msg_interval = "disabled"
                node.data_dir = "%s"
                log.dir = "%s"
                authorization.acl_file = "%s"
                """.formatted(dir.resolve("data"), dir.resolve("log"), acl));
        return file;
    }

    @Test
    void start_withAMissingConfigFile_namesItAndExits2() {
        Path missing = dir.resolve("missing.conf");

        assertThat(run("start", "--config", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("berth: " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void start_withAnInvalidConfig_printsEveryProblemWithFileLineAndKeyAndExits2() throws IOException {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "mqtt {\n  max_inflight = 0\n  max_inflght = 3\n}\n");

        assertThat(run("start", "-c", file.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "berth: " + file + ":2: mqtt.max_inflight: must be between 1 and 65535, got 0",
                "berth: " + file + ":3: mqtt.max_inflght: unknown key; did you mean mqtt.max_inflight?");
    }

    @Test
    void start_withAnInvalidEnvironmentOverride_namesTheVariableAndExits2() throws IOException {
        Path file = loopbackConfig("ok.conf");

        int status = run(Map.of("BERTH_MQTT__MAX_QOS_ALLOWED", "5"), () -> { }, "start", "-c", file.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("berth: environment variable BERTH_MQTT__MAX_QOS_ALLOWED: "
                + "mqtt.max_qos_allowed: must be between 0 and 2, got 5");
    }

    @Test
    void start_withoutConfigOption_readsTheDefaultConfigFileWhenItExists() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/berth.conf"), "mqtt.max_inflight = -1\n");

        assertThat(run("start")).isEqualTo(2);
        assertThat(err.toString()).contains(dir.resolve("conf/berth.conf") + ":1: mqtt.max_inflight");
    }

    @Test
    void start_runsTheBrokerUntilStoppedAndPrintsItsListeners() throws Exception {
        Path file = loopbackConfig("loopback.conf");
        CountDownLatch stop = new CountDownLatch(1);

        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> run(Map.of(), stop::await,
                "start", "--config", file.toString()));
        await().atMost(30, TimeUnit.SECONDS).until(() -> out.toString().contains(" started: "));
        Matcher m = Pattern.compile("listeners tcp:default 127\\.0\\.0\\.1:(\\d+)").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        int port = Integer.parseInt(m.group(1));
        assertThat(port).isPositive();
        assertThat(out.toString()).containsPattern("ssl:default 127\\.0\\.0\\.1:\\d+, ws:default 127\\.0\\.0\\.1:\\d+, "
                + "wss:default 127\\.0\\.0\\.1:\\d+");
        assertThat(dir.resolve("data/certs/ca.pem")).as("generated for ssl and wss").isRegularFile();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        }
        assertThat(out.toString()).startsWith("berth ").contains("node berth@127.0.0.1, config " + file);

        stop.countDown();

        assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("berth stopped");
        try (Socket socket = new Socket()) {
            assertThat(connects(socket, port)).as("listener closed").isFalse();
        }
    }

    @Test
    void start_onAPortInUse_saysSoAndExits1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path file = loopbackConfig("taken.conf");
            Map<String, String> env = Map.of("BERTH_LISTENERS__TCP__DEFAULT__BIND", "127.0.0.1:" + taken.getLocalPort());

            assertThat(run(env, () -> { }, "start", "-c", file.toString())).isEqualTo(1);
            assertThat(err.toString()).startsWith("berth: cannot start: ")
                    .contains(String.valueOf(taken.getLocalPort()));
        }
    }

    private static boolean connects(Socket socket, int port) {
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
