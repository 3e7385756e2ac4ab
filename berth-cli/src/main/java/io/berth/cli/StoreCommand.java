package io.berth.cli;

import io.berth.server.config.BrokerConfig;
import io.berth.store.StoreBackup;
import io.berth.store.StoreCheck;
import io.berth.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code berth store}: checks, backs up and restores the durable store (docs/durability.md). The store is the one
 * of the configuration ({@code durability.dir}, else {@code <node.data_dir>/store}) unless {@code --dir} names one.
 * Exit status: 0 on success, 1 when the store has problems or the operation failed, 2 for a usage or config error.
 */
@Command(name = "store", description = "Check, back up and restore the durable store.")
final class StoreCommand {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "HOCON config file. Default: conf/berth.conf in the working directory if it exists.")
    private Path config;

    @Option(names = "--dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The store directory (default: from the configuration).")
    private Path dir;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final Path defaultConfig;

    StoreCommand(Map<String, String> env, Path defaultConfig) {
        this.env = env;
        this.defaultConfig = defaultConfig;
    }

    @Command(name = "check", description = "Read every record of the store (read-only; the broker may run) and "
            + "report the counts and every problem.")
    int check() {
        PrintWriter out = spec.commandLine().getOut();
        Path store = storeDir();
        if (store == null) {
            return 2;
        }
        try {
            StoreCheck.Report report = StoreCheck.run(store);
            out.println(store + ": " + report.counts());
            report.problems().forEach(p -> out.println("problem: " + p));
            out.println(report.ok() ? "store OK" : report.problems().size() + " problem(s)");
            out.flush();
            return report.ok() ? 0 : 1;
        } catch (StoreException e) {
            return fail(e.getMessage());
        }
    }

    @Command(name = "backup", description = "Copy the store of a stopped broker to a new directory (a RocksDB "
            + "checkpoint). Back up a running broker with berth ctl store backup.")
    int backup(@Option(names = "--to", paramLabel = "DIR", required = true,
            description = "Directory to create for the backup.") Path target) {
        Path store = storeDir();
        if (store == null) {
            return 2;
        }
        try {
            StoreBackup.backup(store, target);
            spec.commandLine().getOut().println("backed up " + store + " to " + target);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (StoreException e) {
            return fail(e.getMessage());
        }
    }

    @Command(name = "restore", description = "Replace the store of a stopped broker by a backup, after checking "
            + "the backup. The store that was there is moved aside, not deleted.")
    int restore(@Option(names = "--from", paramLabel = "DIR", required = true,
            description = "The backup directory.") Path backup) {
        Path store = storeDir();
        if (store == null) {
            return 2;
        }
        try {
            Path aside = StoreBackup.restore(backup, store);
            PrintWriter out = spec.commandLine().getOut();
            out.println("restored " + backup + " into " + store
                    + (aside == null ? "" : "; the previous store is in " + aside));
            out.flush();
            return 0;
        } catch (StoreException e) {
            return fail(e.getMessage());
        }
    }

    private Path storeDir() {
        if (dir != null) {
            return dir.toAbsolutePath().normalize();
        }
        BrokerConfig cfg = CliConfig.load(config, defaultConfig, env, spec.commandLine().getErr());
        return cfg == null ? null : cfg.durabilityDir();
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("berth: " + message);
        err.flush();
        return 1;
    }
}
