package io.berth.cli.check;

import io.berth.cli.tools.MqttUrl;
import io.berth.cli.tools.ProtocolVersionConverter;
import io.berth.cli.tools.TlsOptions;
import io.berth.cli.tools.ToolException;
import io.berth.cli.tools.ToolLogging;
import io.berth.client.ClientOptions;
import io.berth.client.ClientTls;
import io.berth.client.Transport;
import io.berth.codec.MqttVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code berth check URL}: DNS, TCP, TLS (for mqtts and wss), WebSocket (for ws and wss), the QUIC handshake (for
 * quic) and MQTT, in order,
 * each line saying what was found and, on failure, what to fix. Exit status: 0 when every step passed (warnings
 * allowed), 1 when one failed, 2 for a usage error.
 */
@Command(name = "check", sortOptions = false,
        description = "Diagnose an MQTT endpoint step by step: DNS, TCP, TLS, WebSocket, MQTT.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URL",
            description = "mqtt://, mqtts://, ws://, wss:// or quic://[user[:password]@]host[:port][/wspath]")
    String url;

    @Mixin
    TlsOptions tls;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "User name for CONNECT.")
    String username;

    @Option(names = {"-P", "--pw"}, paramLabel = "PASSWORD", description = "Password for CONNECT.")
    String password;

    @Option(names = {"-V", "--protocol-version"}, paramLabel = "VERSION", defaultValue = "5",
            converter = ProtocolVersionConverter.class, description = "MQTT version: 31, 311 or 5. Default: 5.")
    MqttVersion version;

    @Option(names = {"-i", "--id"}, paramLabel = "ID", description = "Client id. Default: berth-check-RANDOM.")
    String clientId;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC",
            description = "Topic of the round trip. Default: berth/check/RANDOM.")
    String topic;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Bound on each step. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ToolLogging.init();
            MqttUrl u = MqttUrl.parseEndpoint(url);
            if (timeoutSeconds < 1 || timeoutSeconds > 300) {
                throw ToolException.usage("--timeout must be 1-300 seconds");
            }
            if (!u.transport().tls() && tls.given()) {
                throw ToolException.usage("--cafile, --cert, --key and --insecure need mqtts://, wss:// or quic://");
            }
            if ((tls.certFile == null) != (tls.keyFile == null)) {
                throw ToolException.usage("a client certificate needs both --cert and --key");
            }
            Report report = new Report(out);
            out.println("berth check " + u.scheme() + "://" + u.host() + ":" + u.port()
                    + (u.transport().webSocket() ? u.webSocketPath() : ""));
            check(u, report);
            report.result();
            return report.failed() ? ToolException.ERROR : 0;
        } catch (ToolException e) {
            err.println("berth check: " + e.getMessage());
            return e.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private void check(MqttUrl u, Report report) {
        int timeout = timeoutSeconds * 1_000;
        List<InetAddress> addresses = DnsStep.run(u.host(), timeout, report);
        if (addresses == null) {
            return;
        }
        if (u.transport() == Transport.QUIC) {
            report.info("UDP", "QUIC runs over UDP: no connection to test before the QUIC handshake");
            MqttStep.run(clientOptions(u, true, timeout), topic(), timeout, report);
            return;
        }
        InetAddress address = TcpStep.run(addresses, u.port(), timeout, report);
        if (address == null) {
            return;
        }
        boolean ipLiteral = addresses.size() == 1 && addresses.get(0).getHostAddress().equals(u.host())
                || u.host().contains(":");
        boolean verified = true;
        if (u.transport().tls()) {
            TlsStep.Outcome outcome = new TlsStep(u.host(), ipLiteral, address, u.port(), timeout, tls.caFile,
                    tls.certFile, tls.keyFile, report).run();
            if (!outcome.handshake()) {
                report.info("MQTT", "not checked: fix TLS first");
                return;
            }
            verified = outcome.certificateOk() && !tls.insecure;
            if (!outcome.certificateOk()) {
                report.info("MQTT", "checking MQTT without certificate checks, to find any other problem");
            }
        }
        if (u.transport().webSocket() && !WebSocketStep.run(u.host(), address, u.port(), u.webSocketPath(),
                u.transport().tls(), timeout, report)) {
            report.info("MQTT", "not checked: fix the WebSocket upgrade first");
            return;
        }
        ClientOptions options = clientOptions(u, verified, timeout);
        MqttStep.Result result = MqttStep.run(options, topic(), timeout, report);
        if (result == MqttStep.Result.NO_MQTT && u.transport() == Transport.TCP) {
            PortSniff.run(u.host(), address, u.port(), timeout, report);
        }
    }

    private String topic() {
        return topic != null ? topic : "berth/check/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ClientOptions clientOptions(MqttUrl u, boolean verified, int timeout) {
        String user = u.username() != null ? u.username() : username;
        String pass = u.password() != null ? u.password() : password;
        ClientOptions.Builder b = ClientOptions.builder(u.host(), u.port())
                .transport(u.transport())
                .version(version)
                .clientId(clientId != null ? clientId : "berth-check-" + UUID.randomUUID().toString().substring(0, 8))
                .username(user)
                .password(pass == null ? null : pass.getBytes(StandardCharsets.UTF_8))
                .keepAliveSeconds(30)
                .connectTimeout(Duration.ofMillis(timeout));
        if (u.transport().tls()) {
            b.sslContext(verified ? tls.context(u.transport()) : ClientTls.context(null, tls.certFile, tls.keyFile, true));
        }
        if (u.transport().webSocket()) {
            b.webSocketPath(u.webSocketPath());
        }
        return b.build();
    }
}
