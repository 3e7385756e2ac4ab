package io.berth.it.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A mosquitto program run by a test, output (stdout and stderr) to a file; killed on close if still running. */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ChildProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static ChildProcess start(Path dir, String... command) throws IOException {
        assertThat(Path.of(command[0])).as("%s must be installed (Debian packages mosquitto, mosquitto-clients)",
                command[0]).isExecutable();
        Path output = Files.createTempFile(dir, "out", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new ChildProcess(p, output);
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    List<String> lines() throws IOException {
        return output().lines().toList();
    }

    void awaitOutput(String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> output().contains(text) || !process.isAlive());
        try {
            assertThat(output()).contains(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    int awaitExit() throws Exception {
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exited in time; output:\n%s", output()).isTrue();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
