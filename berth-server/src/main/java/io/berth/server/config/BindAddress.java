package io.berth.server.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listener's {@code bind} value: {@code "host:port"}, {@code "[ipv6]:port"} or a bare port meaning {@code 0.0.0.0}.
 * The host is kept without brackets and is not resolved here.
 */
public record BindAddress(String host, int port) {

    static final String WILDCARD = "0.0.0.0";

    private static final Pattern PORT_ONLY = Pattern.compile("\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+(?:%[\\w.-]+)?)]:(\\d{1,5})");
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\\d{1,5})");

    /** Parses the text, or throws {@link InvalidValueException} saying which forms are accepted. */
    public static BindAddress parse(String text) {
        String s = text.trim();
        if (PORT_ONLY.matcher(s).matches()) {
            return new BindAddress(WILDCARD, port(s, text));
        }
        Matcher m = IPV6.matcher(s);
        if (m.matches() && m.group(1).contains(":")) {
            return new BindAddress(m.group(1), port(m.group(2), text));
        }
        m = HOST.matcher(s);
        if (m.matches()) {
            return new BindAddress(m.group(1), port(m.group(2), text));
        }
        throw new InvalidValueException("must be \"host:port\", \"[ipv6-address]:port\" or a port number, got \""
                + text + "\"");
    }

    private static int port(String digits, String text) {
        int port = Integer.parseInt(digits);
        if (port > 65535) {
            throw new InvalidValueException("port must be between 0 and 65535, got \"" + text + "\"");
        }
        return port;
    }

    /** The address written back as {@code host:port}, with brackets around an IPv6 host. */
    static String format(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Whether the host listens on every address of its family. */
    static boolean isWildcard(String host) {
        return host.equals(WILDCARD) || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }
}
