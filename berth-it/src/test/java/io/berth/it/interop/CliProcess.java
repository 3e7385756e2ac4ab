package io.berth.it.interop;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command-line client (mosquitto_pub, mosquitto_sub) run as a child process: its output lines (stdout and
 * stderr merged) are collected as they come, and it is killed on close if it is still running.
 */
final class CliProcess implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();
    private final Thread reader;

    private CliProcess(List<String> command) throws IOException {
        this.command = List.copyOf(command);
        this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
        this.reader = new Thread(this::readLines, "cli-" + command.get(0));
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static CliProcess start(String... command) throws IOException {
        return new CliProcess(List.of(command));
    }

    /** Fails, naming the tool, when {@code tool} is not an executable on the PATH. */
    static void assertInstalled(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found = false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                found = true;
                break;
            }
        }
        assertThat(found).as("%s is not on the PATH (%s): install Debian's mosquitto-clients", tool, path)
                .isTrue();
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                pending.add(line);
            }
        } catch (IOException closed) {
            // the process went away; what was read is kept
        }
    }

    /** Waits for an output line that matches, skipping (but keeping) the others. */
    String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = pending.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no matching line from " + command + " within " + timeout
                        + "; output so far:\n" + String.join("\n", output));
            }
            output.add(line);
            if (matches.test(line)) {
                return line;
            }
        }
    }

    /** Waits for the process to exit on its own and returns its whole output; fails if it does not exit in time. */
    List<String> awaitExit(int expectedExitCode, Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        reader.join(timeout.toMillis());
        pending.drainTo(output);
        assertThat(exited).as("%s exited within %s; output:\n%s", command, timeout, String.join("\n", output))
                .isTrue();
        assertThat(process.exitValue()).as("exit code of %s; output:\n%s", command, String.join("\n", output))
                .isEqualTo(expectedExitCode);
        return List.copyOf(output);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
