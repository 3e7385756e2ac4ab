package io.berth.cli;

import io.berth.server.BerthVersion;
import io.berth.server.Broker;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ConfigException;
import io.berth.server.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code berth start}: runs the broker in the foreground until SIGTERM or SIGINT. */
@Command(name = "start", description = {
        "Run the broker in the foreground until SIGTERM or SIGINT (Ctrl-C), then shut it down cleanly.",
        "BERTH_* environment variables override config keys, e.g. BERTH_MQTT__MAX_INFLIGHT=64."})
final class StartCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "HOCON config file. Default: conf/berth.conf in the working directory if it exists, "
                    + "else the embedded defaults.")
    private Path config;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final Path defaultConfig;
    private final StopSignal stop;

    StartCommand(Map<String, String> env, Path defaultConfig, StopSignal stop) {
        this.env = env;
        this.defaultConfig = defaultConfig;
        this.stop = stop;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = config != null ? config : Files.isRegularFile(defaultConfig) ? defaultConfig : null;
        BrokerConfig brokerConfig;
        try {
            brokerConfig = ConfigLoader.load(file, env);
        } catch (ConfigException e) {
            e.problems().forEach(problem -> err.println("berth: " + problem));
            err.flush();
            return 2;
        }
        LogSetup.apply(brokerConfig.log());
        Broker broker;
        try {
            broker = Broker.start(brokerConfig);
        } catch (RuntimeException e) {
            Logger log = LoggerFactory.getLogger(StartCommand.class);
            log.error("broker.start_failed {}", e.getMessage());
            log.debug("broker.start_failed", e);
            err.println("berth: cannot start: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.println("berth " + BerthVersion.get() + " started: node " + brokerConfig.node().name()
                + ", config " + (file == null ? "embedded defaults" : file) + ", listeners " + listeners(broker));
        out.flush();
        runUntilStopped(broker, out);
        return 0;
    }

    private static String listeners(Broker broker) {
        return java.util.stream.Stream.concat(
                broker.config().enabledTcpListeners().stream()
                        .map(l -> "tcp:" + l.name() + " " + l.withBind(l.host(), broker.port(l.name())).bind()),
                java.util.stream.Stream.concat(broker.config().enabledListeners().stream(),
                                broker.config().enabledQuicListeners().stream())
                        .filter(l -> broker.listeners().stream().anyMatch(running -> running.id().equals(l.id())))
                        .map(l -> l.id() + " " + l.withBind(l.host(), broker.port(l.id())).bind()))
                .collect(Collectors.joining(", "))
                + (broker.management() == null ? "" : "; management http://"
                + io.berth.server.config.ManagementConfig.on(broker.config().management().host(),
                broker.management().port()).bind());
    }

    /** Waits for the stop signal; a shutdown hook (SIGTERM, SIGINT) closes the broker if that comes first. */
    private void runUntilStopped(Broker broker, PrintWriter out) throws InterruptedException {
        Thread hook = new Thread(() -> {
            broker.close();
            out.println("berth stopped");
            out.flush();
        }, "berth-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } finally {
            boolean hookRemoved;
            try {
                hookRemoved = Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                hookRemoved = false; // the hook is closing the broker
            }
            if (hookRemoved) {
                hook.run();
            }
        }
    }
}
