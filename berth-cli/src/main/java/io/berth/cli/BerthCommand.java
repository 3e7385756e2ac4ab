package io.berth.cli;

import io.berth.cli.audit.AuditCommand;
import io.berth.cli.bench.BenchCommand;
import io.berth.cli.check.CheckCommand;
import io.berth.cli.tools.PubCommand;
import io.berth.cli.tools.SubCommand;
import io.berth.server.BerthVersion;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The {@code berth} command. Exit status: 0 on success, 1 when the broker cannot start (e.g. a port in use),
 * 2 for a usage or configuration error.
 */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = BerthCommand.Version.class,
        description = "The Berth MQTT broker.",
        subcommands = CommandLine.HelpCommand.class)
public final class BerthCommand implements Callable<Integer> {

    /** Where {@code berth start} looks for a config file when {@code --config} is not given. */
    static final Path DEFAULT_CONFIG = Path.of("conf", "berth.conf");

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(create(System.getenv(), DEFAULT_CONFIG, StopSignal.SHUTDOWN_HOOK_ONLY).execute(args));
    }

    /**
     * The command line with its subcommands.
     *
     * @param env           environment variables, read for {@code BERTH_*} config overrides
     * @param defaultConfig the config file {@code start} uses without {@code --config}, if it exists
     * @param stop          what {@code start} waits on before it stops the broker
     */
    static CommandLine create(Map<String, String> env, Path defaultConfig, StopSignal stop) {
        CommandLine berth = new CommandLine(new BerthCommand())
                .addSubcommand("start", new StartCommand(env, defaultConfig, stop))
                .addSubcommand("pub", new PubCommand(System.in)).addSubcommand("sub", new SubCommand())
                .addSubcommand("bench", new BenchCommand()).addSubcommand("check", new CheckCommand())
                .addSubcommand("version", new VersionCommand())
                .addSubcommand("users", new UsersCommand(env, defaultConfig))
                .addSubcommand("acl", new AclCommand(env, defaultConfig))
                .addSubcommand("store", new StoreCommand(env, defaultConfig))
                .addSubcommand("audit", new AuditCommand(env, defaultConfig))
                .addSubcommand("ctl", CtlCommand.commandLine(env, defaultConfig));
        berth.getSubcommands().values().forEach(BerthCommand::addHelpOption);
        return berth;
    }

    /**
     * Gives {@code --help} to every command that does not declare it, down the tree ({@code -h} is not used: it is
     * the host option of pub, sub and bench, as in mosquitto_pub).
     */
    private static void addHelpOption(CommandLine command) {
        if (command.getCommandSpec().findOption("--help") == null) {
            command.getCommandSpec().addOption(OptionSpec.builder("--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        command.getSubcommands().values().forEach(BerthCommand::addHelpOption);
    }

    /** {@code berth} alone: show the usage and fail, as no command was given. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("berth: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code berth --version}: the same text as {@code berth version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"berth " + BerthVersion.get()};
        }
    }
}
