package io.berth.server.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@code ssl_options.sni_certs}: the certificate an ssl or wss listener presents to clients that ask
 * for {@code serverName} in the TLS Server Name Indication extension (RFC 6066 section 3).
 *
 * @param serverName a DNS name in lower case, or a wildcard {@code *.example.com} matching exactly one label
 * @param certfile   the certificate chain (PEM), leaf first, absolute
 * @param keyfile    its private key (PEM), absolute
 * @param password   the password of an encrypted {@code keyfile}, or null
 */
public record SniCertificate(String serverName, Path certfile, Path keyfile, String password) {

    /** A DNS label: letters, digits and inner hyphens, 1..63 characters. */
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

    /** Two labels or more (a name clients send in SNI has a dot), optionally behind a one-label wildcard. */
    private static final Pattern NAME = Pattern.compile("(?:\\*\\.)?" + LABEL + "(?:\\." + LABEL + ")+");

    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

    public SniCertificate {
        Objects.requireNonNull(certfile, "certfile");
        Objects.requireNonNull(keyfile, "keyfile");
        String problem = problem(serverName);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        serverName = serverName.toLowerCase(Locale.ROOT);
        certfile = certfile.toAbsolutePath().normalize();
        keyfile = keyfile.toAbsolutePath().normalize();
    }

    /** Why {@code name} cannot be an SNI server name, or null if it can. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "server_name is required";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.length() > 253 || !NAME.matcher(lower).matches()) {
            return "server_name \"" + name + "\" is not a DNS name such as \"mqtt.example.com\" or "
                    + "\"*.example.com\" (a wildcard stands for one whole leftmost label)";
        }
        if (IPV4.matcher(lower).matches()) {
            return "server_name \"" + name + "\" is an IP address: clients send only DNS names in SNI (RFC 6066)";
        }
        return null;
    }

    /** Whether the name is a wildcard such as {@code *.example.com}. */
    public boolean wildcard() {
        return serverName.startsWith("*.");
    }
}
