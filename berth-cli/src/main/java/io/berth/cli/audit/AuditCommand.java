package io.berth.cli.audit;

import io.berth.cli.CliConfig;
import io.berth.server.config.BrokerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code berth audit}: reviews the configuration {@code berth start} would use. Exit status 1 when a finding is
 * high (so it can gate a deployment), 0 otherwise, 2 for a usage or configuration error.
 */
@Command(name = "audit", description = {
        "Security review of the configuration berth start would use: each finding with a severity (high, medium, "
                + "low, info) and the fix.",
        "Exit status: 1 when any finding is high, 0 otherwise, 2 for a usage or configuration error."})
public final class AuditCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "HOCON config file. Default: conf/berth.conf in the working directory if it exists, "
                    + "else the embedded defaults. BERTH_* environment variables apply as for berth start.")
    private Path config;

    @Option(names = "--json", description = "Print the findings as one JSON document.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final Path defaultConfig;
    private final Audit audit;

    public AuditCommand(Map<String, String> env, Path defaultConfig) {
        this(env, defaultConfig, Audit.standard());
    }

    AuditCommand(Map<String, String> env, Path defaultConfig, Audit audit) {
        this.env = env;
        this.defaultConfig = defaultConfig;
        this.audit = audit;
    }

    @Override
    public Integer call() {
        BrokerConfig brokerConfig = CliConfig.load(config, defaultConfig, env, spec.commandLine().getErr());
        if (brokerConfig == null) {
            return 2;
        }
        Path file = CliConfig.file(config, defaultConfig);
        List<Finding> findings = audit.run(brokerConfig);
        AuditReport report = new AuditReport(file == null ? "embedded defaults" : file.toString(), findings);
        if (json) {
            report.printJson(spec.commandLine().getOut());
        } else {
            report.printText(spec.commandLine().getOut());
        }
        return Audit.exitCode(findings);
    }
}
