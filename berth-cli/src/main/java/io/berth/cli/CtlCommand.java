package io.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code berth ctl}: controls a running broker through its management HTTP endpoint
 * ({@code dashboard.listeners.http}), found from the same config file and environment as {@code berth start}.
 */
@Command(name = "ctl", description = {"Control a running broker through its management endpoint.",
        "The endpoint is read from the config (dashboard.listeners.http.bind) and BERTH_* variables, as berth start "
                + "reads them."})
public final class CtlCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private CtlCommand() {
    }

    /**
     * The {@code ctl} command line with its subcommands.
     *
     * @param env           environment variables ({@code BERTH_DASHBOARD__LISTENERS__HTTP__BIND} and the others)
     * @param defaultConfig the config file used without {@code --config}, if it exists
     */
    public static CommandLine commandLine(Map<String, String> env, Path defaultConfig) {
        return new CommandLine(new CtlCommand())
                .addSubcommand("listeners", new ListenersCtlCommand(env, defaultConfig))
                .addSubcommand("store", new StoreCtlCommand(env, defaultConfig))
                .addSubcommand("clients", new ClientsCtlCommand(env, defaultConfig))
                .addSubcommand("banned", new BannedCtlCommand(env, defaultConfig))
                .addSubcommand("alarms", new AlarmsCtlCommand(env, defaultConfig))
                .addSubcommand("retained", new RetainedCtlCommand(env, defaultConfig));
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("berth ctl: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
