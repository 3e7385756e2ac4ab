package io.berth.server.config;

import java.util.List;

/**
 * Renders the key reference of {@code docs/configuration.md} from {@link ConfigKeys#ALL}, so the documentation
 * cannot drift from the code (a test compares the two).
 */
public final class ConfigDocs {

    /** Marks the start of the generated part of {@code docs/configuration.md}. */
    public static final String BEGIN = "<!-- BEGIN GENERATED KEY REFERENCE: edit ConfigKeys.java, not this -->";
    /** Marks its end. */
    public static final String END = "<!-- END GENERATED KEY REFERENCE -->";

    private ConfigDocs() {
    }

    /** The Markdown between {@link #BEGIN} and {@link #END}, without the markers. */
    public static String keyReference() {
        return keyReference(ConfigKeys.ALL);
    }

    static String keyReference(List<ConfigKey<?>> keys) {
        StringBuilder md = new StringBuilder();
        String section = null;
        for (ConfigKey<?> key : keys) {
            if (!key.section().equals(section)) {
                section = key.section();
                md.append("\n### `").append(section).append("`\n");
            }
            String example = key.isPattern() ? key.path("default") : key.path();
            md.append("\n#### `").append(key.path()).append("`\n\n")
                    .append(key.doc()).append("\n\n")
                    .append("| type | default | valid values | example | environment variable |\n")
                    .append("|---|---|---|---|---|\n")
                    .append("| ").append(cell(key.type().name()))
                    .append(" | ").append(key.defaultValue() == null ? "required" : code(key.defaultValue()))
                    .append(" | ").append(key.type().rule().isEmpty() ? "true, false" : cell(key.type().rule()))
                    .append(" | ").append(code(example + " = " + key.example()))
                    .append(" | ").append(code(key.envVar()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String code(String text) {
        return "`" + cell(text) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
