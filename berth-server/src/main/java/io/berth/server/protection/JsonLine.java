package io.berth.server.protection;

/**
 * One JSON object on one line, written field by field: strings are escaped (RFC 8259), nulls are written as
 * {@code null}, numbers and booleans bare. Small on purpose: the connection log needs flat objects only.
 */
public final class JsonLine {

    private final StringBuilder sb = new StringBuilder(256).append('{');
    private boolean first = true;

    /** Adds a string, number, boolean or null field. */
    public JsonLine put(String name, Object value) {
        key(name);
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else {
            string(value.toString());
        }
        return this;
    }

    /** Adds a nested object already written as JSON (another {@code JsonLine}'s text). */
    public JsonLine putObject(String name, JsonLine object) {
        key(name);
        sb.append(object);
        return this;
    }

    /** The finished object, without a line break. */
    @Override
    public String toString() {
        return sb + "}";
    }

    private void key(String name) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        string(name);
        sb.append(':');
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
