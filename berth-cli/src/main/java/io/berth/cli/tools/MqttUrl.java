package io.berth.cli.tools;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code -L} form, {@code scheme://[user[:password]@]host[:port]/topic}, as mosquitto_pub/sub take it. The
 * topic is the rest of the string after the first {@code /} following the host, taken literally (so {@code #}
 * and {@code +} work in a filter); user and password may be percent-encoded.
 */
record MqttUrl(String scheme, String host, int port, String username, String password, String topic) {

    /** The schemes a later version will add: each fails with a message naming it. */
    private static final String[] NOT_YET = {"mqtts", "ws", "wss", "quic"};

    static MqttUrl parse(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw ToolException.usage("Invalid URL '" + url + "': expected mqtt://[user[:password]@]host[:port]/topic");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("mqtt")) {
            for (String later : NOT_YET) {
                if (later.equals(scheme)) {
                    throw ToolException.usage("The " + scheme + ":// scheme is not supported yet: only mqtt:// "
                            + "(plain TCP) works in this version of berth");
                }
            }
            throw ToolException.usage("Unknown URL scheme '" + scheme + "' in '" + url + "': use mqtt://");
        }
        String rest = url.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw ToolException.usage("Invalid URL '" + url + "': no topic after the host (mqtt://host/topic)");
        }
        String authority = rest.substring(0, slash);
        String topic = rest.substring(slash + 1);
        String username = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        return hostAndPort(url, scheme, authority, username, password, topic);
    }

    private static MqttUrl hostAndPort(String url, String scheme, String authority, String username,
                                       String password, String topic) {
        String host = authority;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw ToolException.usage("Invalid URL '" + url + "': unclosed '[' in the host");
            }
            host = authority.substring(1, close);
            if (authority.length() > close + 1) {
                if (authority.charAt(close + 1) != ':') {
                    throw ToolException.usage("Invalid URL '" + url + "': expected ':port' after ']'");
                }
                port = authority.substring(close + 2);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                port = authority.substring(colon + 1);
            }
        }
        if (host.isEmpty()) {
            throw ToolException.usage("Invalid URL '" + url + "': no host");
        }
        return new MqttUrl(scheme, host, port == null ? 1883 : parsePort(url, port), username, password, topic);
    }

    private static int parsePort(String url, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ToolException.usage("Invalid port '" + port + "' in URL '" + url + "': expected 1-65535");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
