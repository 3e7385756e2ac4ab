package io.berth.cli.bench;

import java.util.List;
import java.util.Locale;

/** A tiny JSON writer for the flat bench summary (objects, numbers, strings, string arrays). */
final class Json {

    private final StringBuilder b = new StringBuilder();
    private boolean first = true;

    void open() {
        b.append('{');
        first = true;
    }

    void close() {
        b.append('}');
        first = false;
    }

    void object(String name) {
        key(name);
        open();
    }

    Json field(String name, String value) {
        key(name);
        string(value);
        return this;
    }

    Json field(String name, long value) {
        key(name);
        b.append(value);
        return this;
    }

    Json field(String name, double value) {
        key(name);
        b.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
        return this;
    }

    void array(String name, List<String> values) {
        key(name);
        b.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            string(values.get(i));
        }
        b.append(']');
    }

    private void key(String name) {
        if (!first) {
            b.append(',');
        }
        first = false;
        string(name);
        b.append(':');
    }

    private void string(String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
