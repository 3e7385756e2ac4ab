package io.berth.server.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Value types of the authentication mechanisms' keys ({@link AuthenticationKeys}). */
final class AuthValueTypes {

    /** Headers the JDK's HTTP client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    private AuthValueTypes() {
    }

    /** An object of text values, e.g. {@code {sub = "${username}"}}; kept in the order written. */
    static ValueType<Map<String, String>> stringMap() {
        return new ValueType<>("object", "{ name = \"text\", ... }", AuthValueTypes::map);
    }

    /** HTTP headers: an object of text values, without the headers the HTTP client sets itself. */
    static ValueType<Map<String, String>> headers() {
        return new ValueType<>("object", "{ \"header-name\" = \"value\", ... }", v -> {
            Map<String, String> map = map(v);
            for (String name : map.keySet()) {
                if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new InvalidValueException("header \"" + name + "\" is set by the HTTP client and cannot "
                            + "be configured");
                }
            }
            return map;
        });
    }

    /** An ordered list of distinct words from {@code known}. */
    static ValueType<List<String>> mechanisms(List<String> known) {
        String all = String.join(", ", known);
        return new ValueType<>("list of strings", "distinct, from " + all, v -> {
            List<String> list = Scalars.list(v, "a list such as [\"built_in_database\"]");
            Set<String> seen = new HashSet<>();
            for (String s : list) {
                if (!known.contains(s)) {
                    String near = DidYouMean.closest(s, known);
                    throw new InvalidValueException("unknown mechanism \"" + s + "\"; expected one of " + all
                            + (near == null ? "" : "; did you mean " + near + "?"));
                }
                if (!seen.add(s)) {
                    throw new InvalidValueException("mechanism \"" + s + "\" is listed twice");
                }
            }
            return List.copyOf(list);
        });
    }

    /**
     * A listener's own chain: {@code "global"} (empty: the listener uses {@code authentication.chain}) or a list of
     * mechanisms as {@link #mechanisms} reads it ({@code []}: no mechanism, {@code allow_anonymous} decides).
     */
    static ValueType<java.util.Optional<List<String>>> listenerChain(List<String> known) {
        ValueType<List<String>> list = mechanisms(known);
        return new ValueType<>("\"global\" or list of strings", "\"global\", or distinct from "
                + String.join(", ", known), v -> {
                    if (v.valueType() == ConfigValueType.STRING && "global".equals(v.unwrapped())) {
                        return java.util.Optional.empty();
                    }
                    if (v.valueType() != ConfigValueType.LIST) {
                        throw new InvalidValueException("must be \"global\" or a list such as "
                                + "[\"built_in_database\"], got " + Scalars.show(v));
                    }
                    return java.util.Optional.of(list.parse(v));
                });
    }

    /** An {@code http://} or {@code https://} URL with a host, or null when empty. */
    static ValueType<URI> httpUrl() {
        return new ValueType<>("URL", "http:// or https:// with a host; empty = not set", v -> {
            String s = Scalars.text(v, "a URL such as \"http://127.0.0.1:8080/auth\"").trim();
            if (s.isEmpty()) {
                return null;
            }
            try {
                URI uri = new URI(s);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new InvalidValueException("must be an http:// or https:// URL with a host, got "
                            + Scalars.show(v));
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new InvalidValueException("is not a valid URL: " + e.getMessage());
            }
        });
    }

    private static Map<String, String> map(ConfigValue v) {
        if (v.valueType() != ConfigValueType.OBJECT) {
            throw new InvalidValueException("must be an object such as { sub = \"${username}\" }, got "
                    + Scalars.show(v));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : ((ConfigObject) v).entrySet()) {
            ConfigValueType t = e.getValue().valueType();
            if (t == ConfigValueType.OBJECT || t == ConfigValueType.LIST || t == ConfigValueType.NULL) {
                throw new InvalidValueException("value of \"" + e.getKey() + "\" must be text, got "
                        + Scalars.show(e.getValue()));
            }
            out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
        return Map.copyOf(out).isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(out);
    }
}
