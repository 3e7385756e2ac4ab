package io.berth.cli.tools;

import io.berth.client.ClientOptions;
import io.berth.client.ReasonCodes;
import io.berth.codec.MqttProperties;
import io.berth.codec.ReasonCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code berth pub}: publishes one message and exits, like mosquitto_pub. Exit status: 0 when the message was
 * sent (and, for QoS 1 and 2, acknowledged), the CONNACK code when the broker refused the connection, 1 for
 * other errors, 2 for a usage error.
 */
@Command(name = "pub", sortOptions = false,
        description = "Publish one message to an MQTT broker (options as in mosquitto_pub).")
public final class PubCommand implements Callable<Integer> {

    @Mixin
    private ToolOptions options;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", description = "Topic to publish to.")
    private String topic;

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "The message (UTF-8).")
    private String message;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Send the contents of a file.")
    private Path file;

    @Option(names = {"-s", "--stdin-file"}, description = "Send all of standard input.")
    private boolean stdin;

    @Option(names = {"-n", "--null-message"}, description = "Send an empty message (with -r: clear the retained).")
    private boolean nullMessage;

    @Option(names = {"-r", "--retain"}, description = "Retain the message.")
    private boolean retain;

    @Spec
    private CommandSpec spec;

    private final InputStream in;

    /** @param in what {@code -s} reads */
    public PubCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ToolLogging.init();
            run(out);
            return 0;
        } catch (ToolException e) {
            err.println("berth pub: " + e.getMessage());
            return e.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private void run(PrintWriter out) {
        MqttUrl url = options.parsedUrl();
        if (url != null && topic != null) {
            throw ToolException.usage("-L gives the topic: do not combine it with -t");
        }
        String target = url != null ? url.topic() : topic;
        if (target == null) {
            throw ToolException.usage("give a topic with -t (or -L mqtt://host/topic)");
        }
        byte[] payload = payload();
        ClientOptions clientOptions = options.clientOptions("pub", out);
        MqttProperties properties = PropertyOptions.apply(options.properties, "publish", MqttProperties.builder())
                .build();
        try (ToolSession session = ToolSession.connect(clientOptions, m -> { })) {
            ReasonCode code = ToolSession.await(session.client().publish(target, payload, options.qos, retain,
                    properties), clientOptions.connectTimeout().toMillis() + 1_000L * Math.max(
                    clientOptions.keepAliveSeconds() * 2, 10));
            if (code.isError()) {
                throw new ToolException(ToolException.ERROR, "Publish refused: " + ReasonCodes.describe(code));
            }
        }
    }

    private byte[] payload() {
        int sources = (message != null ? 1 : 0) + (file != null ? 1 : 0) + (stdin ? 1 : 0) + (nullMessage ? 1 : 0);
        if (sources != 1) {
            throw ToolException.usage(sources == 0 ? "give a message with -m, -f, -s or -n"
                    : "give only one of -m, -f, -s and -n");
        }
        if (message != null) {
            return message.getBytes(StandardCharsets.UTF_8);
        }
        if (nullMessage) {
            return new byte[0];
        }
        try {
            return file != null ? Files.readAllBytes(file) : in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new ToolException(ToolException.ERROR, "Cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new ToolException(ToolException.ERROR, "Cannot read " + (file != null ? file : "standard input")
                    + ": " + e.getMessage());
        }
    }
}
