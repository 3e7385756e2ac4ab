package io.berth.cli.tools;

import io.berth.client.ClientOptions;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.Will;
import io.berth.client.Transport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The connection options {@code berth pub} and {@code berth sub} share, spelled as in mosquitto_pub/sub. */
final class ToolOptions {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Broker host. Default: localhost.")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Broker port. Default: 1883.")
    Integer port;

    @Option(names = {"-L", "--url"}, paramLabel = "URL",
            description = "mqtt://[user[:password]@]host[:port]/topic instead of -h, -p, -u, -P and -t; also "
                    + "mqtts://, ws://host[:port]/wspath/topic, wss:// and quic:// (UDP, default port 14567).")
    String url;

    @Option(names = "--ws-path", paramLabel = "PATH",
            description = "WebSocket path for ws:// and wss:// URLs; the URL's whole path is then the topic. "
                    + "Default: the URL's first path segment.")
    String wsPath;

    @Mixin
    TlsOptions tls;

    @Option(names = {"-i", "--id"}, paramLabel = "ID", description = "Client identifier. Default: a random one.")
    String clientId;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "User name.")
    String username;

    @Option(names = {"-P", "--pw"}, paramLabel = "PASSWORD", description = "Password.")
    String password;

    @Option(names = {"-k", "--keepalive"}, paramLabel = "SECONDS", defaultValue = "60",
            description = "Keepalive in seconds (0 turns it off). Default: ${DEFAULT-VALUE}.")
    int keepAlive;

    @Option(names = {"-V", "--protocol-version"}, paramLabel = "VERSION", defaultValue = "5",
            converter = ProtocolVersionConverter.class,
            description = "MQTT version: 31, 311 or 5 (or mqttv31, mqttv311, mqttv5). Default: 5.")
    MqttVersion version;

    @Option(names = {"-c", "--disable-clean-session"},
            description = "Keep the session after disconnecting (needs -i). In MQTT 5 the session then never "
                    + "expires unless -D connect session-expiry-interval says otherwise.")
    boolean keepSession;

    @Option(names = {"-q", "--qos"}, paramLabel = "QOS", defaultValue = "0", description = "QoS 0, 1 or 2.")
    int qos;

    @Option(names = {"-D", "--property"}, paramLabel = "COMMAND IDENTIFIER VALUE", arity = "3..4",
            parameterConsumer = PropertyOptions.Consumer.class,
            description = "MQTT 5 property, e.g. -D publish user-property name value, -D connect "
                    + "session-expiry-interval 60, -D publish content-type text/plain.")
    List<String[]> properties = new ArrayList<>();

    @Option(names = "--will-topic", paramLabel = "TOPIC", description = "Topic of the will message.")
    String willTopic;

    @Option(names = "--will-payload", paramLabel = "MESSAGE", description = "Payload of the will message.")
    String willPayload;

    @Option(names = "--will-qos", paramLabel = "QOS", defaultValue = "0", description = "QoS of the will.")
    int willQos;

    @Option(names = "--will-retain", description = "Retain the will message.")
    boolean willRetain;

    @Option(names = {"-d", "--debug"}, description = "Print every packet sent and received.")
    boolean debug;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** The URL, when {@code -L} was given, after checking it is not mixed with -h, -p, -u or -P. */
    MqttUrl parsedUrl() {
        if (url == null) {
            if (wsPath != null) {
                throw ToolException.usage("--ws-path needs a ws:// or wss:// URL (-L)");
            }
            return null;
        }
        if (host != null || port != null || username != null || password != null) {
            throw ToolException.usage("-L gives host, port, user and password: do not combine it with -h, -p, "
                    + "-u or -P");
        }
        if (wsPath != null && !wsPath.startsWith("/")) {
            throw ToolException.usage("--ws-path must start with '/', not '" + wsPath + "'");
        }
        return MqttUrl.parse(url, wsPath);
    }

    ClientOptions clientOptions(String tool, PrintWriter trace) {
        checkQos("-q", qos);
        checkQos("--will-qos", willQos);
        if (!version.isV5() && !properties.isEmpty()) {
            throw ToolException.usage("-D properties need MQTT 5 (-V 5)");
        }
        if (keepSession && clientId == null) {
            throw ToolException.usage("-c (keep the session) needs a client identifier: give one with -i");
        }
        MqttUrl u = parsedUrl();
        String user = u != null ? u.username() : username;
        String pass = u != null ? u.password() : password;
        if (pass != null && user == null) {
            throw ToolException.usage("a password (-P) needs a user name (-u)");
        }
        Transport transport = u != null ? u.transport() : tls.given() ? Transport.TLS : Transport.TCP;
        if (!transport.tls() && tls.given()) {
            throw ToolException.usage("--cafile, --cert, --key and --insecure need TLS: use mqtts://, wss:// or quic://");
        }
        ClientOptions.Builder b = ClientOptions.builder(u != null ? u.host() : host == null ? "localhost" : host,
                        u != null ? u.port() : port == null ? transport.defaultPort() : checkPort(port))
                .transport(transport)
                .version(version)
                .clientId(clientId != null ? clientId : randomId(tool))
                .cleanStart(!keepSession)
                .username(user)
                .password(pass == null ? null : pass.getBytes(StandardCharsets.UTF_8))
                .will(will())
                .connectTimeout(CONNECT_TIMEOUT)
                .connectProperties(connectProperties());
        if (keepAlive < 0 || keepAlive > 65_535) {
            throw ToolException.usage("-k must be 0-65535 seconds, not " + keepAlive);
        }
        b.keepAliveSeconds(keepAlive);
        if (transport.tls()) {
            b.sslContext(tls.context(transport));
        }
        if (u != null && u.webSocketPath() != null) {
            b.webSocketPath(u.webSocketPath());
        }
        if (debug) {
            b.trace(line -> {
                trace.println(line);
                trace.flush();
            });
        }
        return b.build();
    }

    private MqttProperties connectProperties() {
        MqttProperties.Builder b = PropertyOptions.apply(properties, "connect", MqttProperties.builder());
        if (keepSession && version.isV5() && !PropertyOptions.has(properties, "connect", "session-expiry-interval")) {
            b.sessionExpiryInterval(0xFFFF_FFFFL); // like mosquitto: -c keeps the session for good
        }
        return b.build();
    }

    private Will will() {
        if (willTopic == null) {
            if (willPayload != null || willRetain) {
                throw ToolException.usage("--will-payload and --will-retain need --will-topic");
            }
            return null;
        }
        byte[] payload = willPayload == null ? new byte[0] : willPayload.getBytes(StandardCharsets.UTF_8);
        MqttProperties props = PropertyOptions.apply(properties, "will", MqttProperties.builder()).build();
        return new Will(willTopic, payload, willQos, willRetain, props);
    }

    static void checkQos(String option, int qos) {
        if (qos < 0 || qos > 2) {
            throw ToolException.usage(option + " must be 0, 1 or 2, not " + qos);
        }
    }

    private static int checkPort(int port) {
        if (port < 1 || port > 65_535) {
            throw ToolException.usage("-p must be 1-65535, not " + port);
        }
        return port;
    }

    private static String randomId(String tool) {
        return "berth-" + tool + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }
}
