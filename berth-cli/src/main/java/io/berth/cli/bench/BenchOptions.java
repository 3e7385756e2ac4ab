package io.berth.cli.bench;

import io.berth.cli.tools.MqttUrl;
import io.berth.cli.tools.ProtocolVersionConverter;
import io.berth.cli.tools.TlsOptions;
import io.berth.cli.tools.ToolException;
import io.berth.client.ClientOptions;
import io.berth.client.Transport;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.netty.handler.ssl.SslContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The options every {@code berth bench} mode shares: where to connect, how many clients, how long. */
final class BenchOptions {

    /** The bound of a run given neither {@code --duration} nor a message limit. */
    static final int DEFAULT_DURATION_SECONDS = 30;

    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Broker host. Default: localhost.")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "Broker port. Default: the transport's (1883, 8883, 8083, 8084).")
    Integer port;

    @Option(names = "--url", paramLabel = "URL",
            description = "mqtt://, mqtts://, ws://, wss:// or quic://[user[:password]@]host[:port][/wspath] instead of "
                    + "-h, -p, -u, -P.")
    String url;

    @Option(names = "--ws", description = "With -h/-p: MQTT over WebSocket (wss with TLS options), path --ws-path.")
    boolean webSocket;

    @Option(names = "--ws-path", paramLabel = "PATH", defaultValue = "/mqtt",
            description = "WebSocket path with --ws. Default: ${DEFAULT-VALUE}.")
    String wsPath;

    @Mixin
    TlsOptions tls;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "User name.")
    String username;

    @Option(names = {"-P", "--password"}, paramLabel = "PASSWORD", description = "Password.")
    String password;

    @Option(names = {"-V", "--protocol-version"}, paramLabel = "VERSION", defaultValue = "5",
            converter = ProtocolVersionConverter.class, description = "MQTT version: 31, 311 or 5. Default: 5.")
    MqttVersion version;

    @Option(names = {"-c", "--count"}, paramLabel = "N", defaultValue = "10",
            description = "Number of clients. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(names = {"-i", "--interval"}, paramLabel = "MS", defaultValue = "10",
            description = "Milliseconds between two connection starts. Default: ${DEFAULT-VALUE}.")
    int connectIntervalMillis;

    @Option(names = {"-k", "--keepalive"}, paramLabel = "SECONDS", defaultValue = "300",
            description = "Keepalive. Default: ${DEFAULT-VALUE}.")
    int keepAlive;

    @Option(names = {"-C", "--clean"}, paramLabel = "true|false", defaultValue = "true", arity = "1",
            description = "Clean start. Default: ${DEFAULT-VALUE}.")
    boolean cleanStart;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "bench",
            description = "Client id prefix: ids are PREFIX_ROLE_N. Default: ${DEFAULT-VALUE}.")
    String prefix;

    @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS",
            description = "Stop after this many seconds. Default: 30 when no message limit is given.")
    Integer durationSeconds;

    @Option(names = "--threads", paramLabel = "N",
            description = "Event loop threads for all connections. Default: half the processors, at least 1.")
    Integer threads;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Bound on each TCP connect, and on each wait for CONNACK. Default: ${DEFAULT-VALUE}.")
    int connectTimeoutSeconds;

    @Option(names = "--json", description = "Print the final summary as JSON on stdout (progress goes to stderr).")
    boolean json;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private Endpoint endpoint;

    /** Where and how to connect, resolved once. */
    record Endpoint(Transport transport, String host, int port, String path, String username, String password,
                    SslContext sslContext) {
        String describe() {
            return transport.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                    + (transport.webSocket() ? path : "");
        }
    }

    Endpoint endpoint() {
        if (endpoint != null) {
            return endpoint;
        }
        if (clients < 1) {
            throw ToolException.usage("-c must be at least 1, not " + clients);
        }
        if (connectIntervalMillis < 0 || keepAlive < 0 || keepAlive > 65_535 || connectTimeoutSeconds < 1) {
            throw ToolException.usage("-i must be >= 0, -k 0-65535, --connect-timeout >= 1");
        }
        if (durationSeconds != null && durationSeconds < 1) {
            throw ToolException.usage("--duration must be at least 1 second, not " + durationSeconds);
        }
        Transport transport;
        String h;
        int p;
        String path = wsPath;
        String user = username;
        String pass = password;
        if (url != null) {
            if (host != null || port != null || webSocket) {
                throw ToolException.usage("--url gives the endpoint: do not combine it with -h, -p or --ws");
            }
            MqttUrl u = MqttUrl.parseEndpoint(url);
            transport = u.transport();
            h = u.host();
            p = u.port();
            path = u.webSocketPath() == null ? wsPath : u.webSocketPath();
            user = u.username() != null ? u.username() : username;
            pass = u.password() != null ? u.password() : password;
        } else {
            transport = webSocket ? (tls.given() ? Transport.WSS : Transport.WS)
                    : tls.given() ? Transport.TLS : Transport.TCP;
            h = host == null ? "localhost" : host;
            p = port == null ? transport.defaultPort() : port;
        }
        if (!transport.tls() && tls.given()) {
            throw ToolException.usage("--cafile, --cert, --key and --insecure need TLS: use mqtts://, wss:// or quic://");
        }
        endpoint = new Endpoint(transport, h, p, path, user, pass, transport.tls() ? tls.context(transport) : null);
        return endpoint;
    }

    ClientOptions clientOptions(String clientId) {
        Endpoint e = endpoint();
        ClientOptions.Builder b = ClientOptions.builder(e.host(), e.port())
                .transport(e.transport())
                .version(version)
                .clientId(clientId)
                .cleanStart(cleanStart)
                .keepAliveSeconds(keepAlive)
                .username(e.username())
                .password(e.password() == null ? null : e.password().getBytes(StandardCharsets.UTF_8))
                .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds));
        if (!cleanStart && version.isV5()) {
            b.connectProperties(MqttProperties.builder().sessionExpiryInterval(300L).build());
        }
        if (e.transport().tls()) {
            b.sslContext(e.sslContext());
        }
        if (e.transport().webSocket()) {
            b.webSocketPath(e.path());
        }
        return b.build();
    }

    int threads() {
        if (threads != null && threads < 1) {
            throw ToolException.usage("--threads must be at least 1");
        }
        return threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
