package io.berth.it.tools;

import io.berth.cli.bench.BenchCommand;
import io.berth.cli.check.CheckCommand;
import io.berth.cli.tools.PubCommand;
import io.berth.cli.tools.SubCommand;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Runs {@code berth pub}, {@code sub}, {@code bench} (or {@code check}) in this JVM through picocli, as the launcher would, with stdout and
 * stderr captured. {@link #start} runs it on its own thread (for a subscriber that waits for messages).
 */
final class ToolRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine;
    private CompletableFuture<Integer> exit;

    private ToolRun(Object command) {
        commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    static ToolRun pub(byte[] stdin) {
        return new ToolRun(new PubCommand(new ByteArrayInputStream(stdin)));
    }

    static ToolRun pub() {
        return new ToolRun(new PubCommand(InputStream.nullInputStream()));
    }

    static ToolRun sub() {
        return new ToolRun(new SubCommand());
    }

    static ToolRun check() {
        return new ToolRun(new CheckCommand());
    }

    static ToolRun bench() {
        return new ToolRun(new BenchCommand());
    }

    /** Runs to the end on this thread and returns the exit status. */
    int run(String... args) {
        return commandLine.execute(args);
    }

    /** Starts on another thread. */
    ToolRun start(String... args) {
        exit = CompletableFuture.supplyAsync(() -> commandLine.execute(args));
        return this;
    }

    /** For a started run: waits until stdout holds a line containing {@code text} (e.g. a -d trace line). */
    ToolRun awaitOutput(String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains(text) || exit.isDone());
        if (!out.toString().contains(text)) {
            throw new AssertionError("no '" + text + "' in the output; exit " + exit.join() + ", stdout:\n" + out
                    + "\nstderr:\n" + err);
        }
        return this;
    }

    /** For a started run: waits until stderr contains {@code text} (e.g. a bench progress line). */
    ToolRun awaitErr(String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains(text) || exit.isDone());
        if (!err.toString().contains(text)) {
            throw new AssertionError("no '" + text + "' in stderr; stdout:\n" + out + "\nstderr:\n" + err);
        }
        return this;
    }

    /** For a started run: its exit status, waiting at most 15 s. */
    int awaitExit() throws Exception {
        return exit.get(15, TimeUnit.SECONDS);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** Stdout without the {@code -d} trace lines. */
    List<String> messages() {
        return Arrays.stream(out.toString().split("\\R")).filter(l -> !l.startsWith("Client ") && !l.isEmpty())
                .toList();
    }
}
