package io.berth.cli.bench;

import io.berth.cli.tools.ToolException;
import io.berth.cli.tools.ToolLogging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code berth bench}: load generation. Exit status: 0 when the run completed without failures, 1 when a
 * client could not connect, lost its connection or a publish failed (the summary is printed anyway), 2 for a
 * usage error.
 */
@Command(name = "bench", description = "Generate MQTT load and measure throughput and latency (like emqtt-bench).",
        subcommands = {BenchCommand.Conn.class, BenchCommand.Pub.class, BenchCommand.Sub.class,
                ScenarioCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("berth bench: give a mode: conn, pub, sub or scenario");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Runs {@code plan}: progress lines, then the summary as text (or JSON on stdout with --json). */
    static int execute(CommandSpec spec, BenchOptions options, java.util.function.Supplier<Plan> plan) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ToolLogging.init();
            Plan p = plan.get();
            Summary summary = new BenchRun(p, options).run(options.json ? err : out);
            out.print(options.json ? summary.json() + System.lineSeparator() : summary.text());
            return summary.failed() ? ToolException.ERROR : 0;
        } catch (ToolException e) {
            err.println("berth bench: " + e.getMessage());
            return e.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Command(name = "conn", sortOptions = false,
            description = "Open -c connections at one every -i ms; hold them for --duration if given.")
    static final class Conn implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        BenchOptions options;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return execute(spec, options, () -> new Plan("conn", options.clients, 0, null, 0, null, 0, 0, false,
                    1, 0, 0, 0));
        }
    }

    @Command(name = "pub", sortOptions = false, description = "-c publishers, each sending a message every -I ms.")
    static final class Pub implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        BenchOptions options;
        @picocli.CommandLine.Mixin
        MessageOptions message;
        @picocli.CommandLine.Option(names = {"-t", "--topic"}, paramLabel = "PATTERN", defaultValue = "bench/%i",
                description = "Topic; %%i is the client's number, %%c its id. Default: ${DEFAULT-VALUE}.")
        String topic;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return execute(spec, options, () -> new Plan("pub", 0, 0, null, options.clients, topic, message.qos(),
                    message.size(), message.retain, message.intervalNanos(), message.limit(), 0, 0));
        }
    }

    @Command(name = "sub", sortOptions = false,
            description = "-c subscribers; counts and times (with bench payloads) what arrives.")
    static final class Sub implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        BenchOptions options;
        @picocli.CommandLine.Option(names = {"-t", "--topic"}, paramLabel = "PATTERN", defaultValue = "bench/#",
                description = "Topic filter; %%i is the client's number, %%c its id. Default: ${DEFAULT-VALUE}.")
        String topic;
        @picocli.CommandLine.Option(names = {"-q", "--qos"}, paramLabel = "QOS", defaultValue = "0",
                description = "Subscription QoS. Default: ${DEFAULT-VALUE}.")
        int qos;
        @picocli.CommandLine.Option(names = {"-L", "--limit"}, paramLabel = "N", defaultValue = "0",
                description = "Stop after N messages in all (0: at --duration).")
        long limit;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return execute(spec, options, () -> {
                MessageOptions.checkQos(qos);
                if (limit < 0) {
                    throw ToolException.usage("-L must be 0 or more");
                }
                return new Plan("sub", 0, options.clients, topic, 0, null, qos, 0, false, 1, 0, limit, 0);
            });
        }
    }
}
