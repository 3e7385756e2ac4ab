package io.berth.cli.bench;

import io.berth.cli.tools.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The Open MQTT Benchmark Suite's scenarios by name, at a chosen scale ({@code -c}: clients per side):
 * <ul>
 *   <li>{@code p2p}: N publishers and N subscribers in pairs, each pair on its own topic {@code bench/p2p/%i};
 *   <li>{@code fanout}: one publisher on {@code bench/fanout}, N subscribers all receiving every message;
 *   <li>{@code fanin}: N publishers on {@code bench/fanin/%i}, one subscriber on {@code bench/fanin/#} receiving
 *       every message;
 *   <li>{@code sharedsub}: N publishers on {@code bench/shared/%i}, N subscribers in one shared group
 *       {@code $share/bench/bench/shared/+}, each message delivered once;
 *   <li>{@code conn}: N clients connecting (connect rate and CONNACK latency).
 * </ul>
 */
@Command(name = "scenario", sortOptions = false,
        description = "Run an Open MQTT Benchmark Suite scenario: p2p, fanout, fanin, sharedsub or conn.")
final class ScenarioCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "p2p, fanout, fanin, sharedsub or conn.")
    String name;

    @Mixin
    BenchOptions options;

    @Mixin
    MessageOptions message;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return BenchCommand.execute(spec, options, this::plan);
    }

    private Plan plan() {
        int n = options.clients;
        String scenario = name.toLowerCase(Locale.ROOT);
        return switch (scenario) {
            case "p2p" -> new Plan(scenario, 0, n, "bench/p2p/%i", n, "bench/p2p/%i", message.qos(),
                    message.size(), false, message.intervalNanos(), message.limit(), 0, 1);
            case "fanout" -> new Plan(scenario, 0, n, "bench/fanout", 1, "bench/fanout", message.qos(),
                    message.size(), false, message.intervalNanos(), message.limit(), 0, -1);
            case "fanin" -> new Plan(scenario, 0, 1, "bench/fanin/#", n, "bench/fanin/%i", message.qos(),
                    message.size(), false, message.intervalNanos(), message.limit(), 0, 1);
            case "sharedsub" -> new Plan(scenario, 0, n, "$share/bench/bench/shared/+", n, "bench/shared/%i",
                    message.qos(), message.size(), false, message.intervalNanos(), message.limit(), 0, 1);
            case "conn" -> new Plan(scenario, n, 0, null, 0, null, 0, 0, false, 1, 0, 0, 0);
            default -> throw ToolException.usage("Unknown scenario '" + name + "': use p2p, fanout, fanin, "
                    + "sharedsub or conn");
        };
    }
}
