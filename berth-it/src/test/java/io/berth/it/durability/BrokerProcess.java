package io.berth.it.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code berth start} as a real child JVM (this test JVM's class path), on a free port with its data under a
 * directory of the test. {@link #kill()} is SIGKILL: no shutdown hook, no clean close of the store.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("started: .*tcp:default 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
    private final int port;

    private BrokerProcess(Path home, Duration timeout) throws IOException, InterruptedException {
        Path config = home.resolve("berth.conf");
        if (!Files.exists(config)) {
            Files.writeString(config, """
                    node.data_dir = "%s"
                    listeners.tcp.default.bind = "127.0.0.1:0"
                    listeners.ssl.default.bind = "127.0.0.1:0"
                    listeners.ws.default.bind = "127.0.0.1:0"
                    listeners.wss.default.bind = "127.0.0.1:0"
                    listeners.quic.default.bind = "127.0.0.1:0"
                    dashboard.listeners.http.bind = "127.0.0.1:0"
                    authorization.acl_file = "disabled"
                    sys_topics.sys_msg_interval = "disabled"
                    log.dir = "%s"
                    log.level = "warning"
                    durability.sync = "batch"
                    mqtt.max_mqueue_len = "infinity"
                    """.formatted(home.resolve("data"), home.resolve("log")));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.berth.cli.BerthCommand", "start", "-c", config.toString()))
                .redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "broker-process-output");
        reader.setDaemon(true);
        reader.start();
        port = awaitPort(timeout);
    }

    static BrokerProcess start(Path home) throws IOException, InterruptedException {
        return new BrokerProcess(home, Duration.ofSeconds(30));
    }

    int port() {
        return port;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                output.add(line);
            }
        } catch (IOException closed) {
            // the process is gone
        }
    }

    private int awaitPort(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                process.destroyForcibly();
                throw new AssertionError("broker process did not start within " + timeout + "; output:\n"
                        + String.join("\n", output));
            }
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("broker process still alive after SIGKILL");
        }
    }

    String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the shutdown hook stops the broker cleanly
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
