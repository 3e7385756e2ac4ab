package io.berth.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliConfig;
import io.berth.cli.ManagementClient;
import io.berth.cli.ManagementLogin;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ManagementConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
        "Exit status: 1 when any finding is high, 0 otherwise, 2 for a usage or configuration error (or, with "
                + "--live, when the management endpoint cannot be asked)."})
public final class AuditCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "HOCON config file. Default: conf/berth.conf in the working directory if it exists, "
                    + "else the embedded defaults. BERTH_* environment variables apply as for berth start.")
    private Path config;

    @Option(names = "--json", description = "Print the findings as one JSON document.")
    private boolean json;

    @Option(names = "--live", description = "Also ask the running broker which listeners run (GET /api/v5/listeners "
            + "on dashboard.listeners.http.bind) and report where it differs from the config.")
    private boolean live;

    @Option(names = "--url", paramLabel = "URL", description = "With live checks: the management endpoint, e.g. "
            + "http://127.0.0.1:18083, instead of the config's. Implies --live.")
    private URI url;

    @Mixin
    private ManagementLogin login;

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
        List<Finding> findings = new ArrayList<>(audit.run(brokerConfig));
        if (live || url != null) {
            List<Finding> liveFindings = live(brokerConfig);
            if (liveFindings == null) {
                return 2;
            }
            findings.addAll(liveFindings);
            findings.sort(Comparator.comparing(Finding::severity));
        }
        AuditReport report = new AuditReport(file == null ? "embedded defaults" : file.toString(), findings);
        if (json) {
            report.printJson(spec.commandLine().getOut());
        } else {
            report.printText(spec.commandLine().getOut());
        }
        return Audit.exitCode(findings);
    }

    /** The live findings, or null after printing why the endpoint could not be asked. */
    private List<Finding> live(BrokerConfig brokerConfig) {
        PrintWriter err = spec.commandLine().getErr();
        URI base = url;
        if (base == null) {
            ManagementConfig m = brokerConfig.management();
            if (!m.enabled()) {
                err.println("berth: --live needs the management endpoint, which is off "
                        + "(dashboard.listeners.http.enabled = false)");
                err.flush();
                return null;
            }
            base = ManagementClient.endpoint(m.host(), m.port());
        }
        try {
            JsonNode listeners = new ManagementClient(base, login.credentials(env)).get("/api/v5/listeners");
            return new LiveChecks().run(brokerConfig, listeners, base.toString());
        } catch (ManagementClient.Failure e) {
            err.println("berth: live checks: " + e.getMessage());
            err.flush();
            return null;
        }
    }
}
