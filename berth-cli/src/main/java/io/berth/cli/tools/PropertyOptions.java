package io.berth.cli.tools;

import io.berth.codec.MqttProperties;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.Stack;

/**
 * mosquitto's {@code -D COMMAND IDENTIFIER VALUE} (two values for {@code user-property}): MQTT 5 properties for
 * the CONNECT, PUBLISH, SUBSCRIBE or will. Only the properties listed in {@link #SUPPORTED} are accepted.
 */
final class PropertyOptions {

    /** command:identifier pairs -D understands. */
    static final Set<String> SUPPORTED = Set.of(
            "connect:user-property", "connect:session-expiry-interval", "connect:receive-maximum",
            "publish:user-property", "publish:content-type", "publish:response-topic",
            "publish:correlation-data", "publish:message-expiry-interval", "publish:payload-format-indicator",
            "subscribe:user-property",
            "will:user-property", "will:content-type", "will:response-topic", "will:message-expiry-interval",
            "will:will-delay-interval", "will:payload-format-indicator");

    private PropertyOptions() {
    }

    /** Reads one {@code -D} occurrence off the argument stack into the option's list, as a 3- or 4-element array. */
    static final class Consumer implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            String command = next(args, commandSpec, "a command (connect, publish, subscribe or will)");
            String identifier = next(args, commandSpec, "a property identifier");
            String key = command + ":" + identifier;
            if (!SUPPORTED.contains(key)) {
                throw new ParameterException(commandSpec.commandLine(), "-D " + command + " " + identifier
                        + " is not supported; supported: " + String.join(", ", SUPPORTED.stream().sorted().toList()));
            }
            String value = next(args, commandSpec, "a value for " + identifier);
            List<String[]> list = argSpec.getValue();
            if (identifier.equals("user-property")) {
                list.add(new String[] {command, identifier, value, next(args, commandSpec, "the user property value")});
            } else {
                list.add(new String[] {command, identifier, value});
            }
        }

        private static String next(Stack<String> args, CommandSpec spec, String what) {
            if (args.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "-D needs " + what);
            }
            return args.pop();
        }
    }

    /** The properties given for {@code command}, added to {@code b}. */
    static MqttProperties.Builder apply(List<String[]> given, String command, MqttProperties.Builder b) {
        for (String[] p : given) {
            if (!p[0].equals(command)) {
                continue;
            }
            String id = p[1];
            String v = p[2];
            switch (id) {
                case "user-property" -> b.addUserProperty(v, p[3]);
                case "session-expiry-interval" -> b.sessionExpiryInterval(number(id, v, 0xFFFF_FFFFL));
                case "receive-maximum" -> b.receiveMaximum((int) number(id, v, 65_535));
                case "content-type" -> b.contentType(v);
                case "response-topic" -> b.responseTopic(v);
                case "correlation-data" -> b.correlationData(v.getBytes(StandardCharsets.UTF_8));
                case "message-expiry-interval" -> b.messageExpiryInterval(number(id, v, 0xFFFF_FFFFL));
                case "will-delay-interval" -> b.willDelayInterval(number(id, v, 0xFFFF_FFFFL));
                case "payload-format-indicator" -> b.payloadFormatIndicator((int) number(id, v, 1));
                default -> throw new IllegalStateException(id);
            }
        }
        return b;
    }

    static boolean has(List<String[]> given, String command, String identifier) {
        return given.stream().anyMatch(p -> p[0].equals(command) && p[1].equals(identifier));
    }

    private static long number(String identifier, String value, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ToolException.usage("-D " + identifier + " needs a number from 0 to " + max + ", not '" + value + "'");
    }
}
