package io.berth.server.auth;

import io.berth.core.auth.Credentials;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills EMQX-style placeholders in authentication templates: {@code ${username}}, {@code ${clientid}},
 * {@code ${password}}, {@code ${peerhost}}, {@code ${cert_common_name}}. A value the client does not have is the
 * empty string, as in EMQX.
 */
final class Placeholders {

    private Placeholders() {
    }

    static String render(String template, Credentials c) {
        if (template.indexOf("${") < 0) {
            return template;
        }
        return template
                .replace("${username}", nz(c.username()))
                .replace("${clientid}", nz(c.clientId()))
                .replace("${peerhost}", c.address() == null ? "" : c.address().getHostAddress())
                .replace("${cert_common_name}", nz(c.certCommonName()))
                .replace("${password}", c.password() == null ? "" : new String(c.password(), StandardCharsets.UTF_8));
    }

    static Map<String, String> render(Map<String, String> templates, Credentials c) {
        Map<String, String> out = new LinkedHashMap<>();
        templates.forEach((k, v) -> out.put(k, render(v, c)));
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
