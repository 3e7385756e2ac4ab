package io.berth.core.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Erlang-term syntax of EMQX's {@code acl.conf} into a tree: tuples {@code {a, b}}, lists {@code [a, b]},
 * atoms ({@code allow}, {@code 'and'}), strings ({@code "t/#"}) and integers, each term ended by a full stop.
 * Comments run from {@code %} or {@code #} to the end of the line.
 */
final class AclTerms {

    sealed interface Term {
        int line();
    }

    record Atom(String name, int line) implements Term {
        @Override
        public String toString() {
            return name;
        }
    }

    record Str(String value, int line) implements Term {
        @Override
        public String toString() {
            return "\"" + value + "\"";
        }
    }

    record Int(int value, int line) implements Term {
        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    record Tuple(List<Term> items, int line) implements Term {
        @Override
        public String toString() {
            return "{...}";
        }
    }

    record ListTerm(List<Term> items, int line) implements Term {
        @Override
        public String toString() {
            return "[...]";
        }
    }

    private final String text;
    private final String source;
    private int pos;
    private int line = 1;
    /** Line where the rule being read starts, for errors at the end of the file. */
    private int ruleLine;

    private AclTerms(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** The top-level terms of the file, in order. */
    static List<Term> read(String text, String source) {
        AclTerms reader = new AclTerms(text, source);
        List<Term> terms = new ArrayList<>();
        while (reader.skipSpace()) {
            reader.ruleLine = reader.line;
            Term t = reader.term();
            reader.skipSpace();
            reader.expect('.', "'.' after the rule");
            terms.add(t);
        }
        return terms;
    }

    private AclSyntaxException error(String message) {
        if (pos >= text.length()) {
            return new AclSyntaxException(source, ruleLine, "the rule starting here is not finished: " + message);
        }
        return new AclSyntaxException(source, line, message);
    }

    /** Skips blanks and comments; false at the end of the text. */
    private boolean skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '%' || c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return true;
            }
        }
        return false;
    }

    private void expect(char c, String what) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected " + what + ", found " + found());
        }
        pos++;
    }

    private String found() {
        if (pos >= text.length()) {
            return "end of file";
        }
        int end = pos;
        while (end < text.length() && end < pos + 20 && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return "'" + text.substring(pos, Math.max(end, pos + 1)) + "'";
    }

    private Term term() {
        if (!skipSpace()) {
            throw error("unexpected end of file");
        }
        int at = line;
        char c = text.charAt(pos);
        if (c == '{' || c == '[') {
            pos++;
            List<Term> items = items(c == '{' ? '}' : ']');
            return c == '{' ? new Tuple(items, at) : new ListTerm(items, at);
        }
        if (c == '"') {
            return new Str(string(), at);
        }
        if (c == '\'') {
            return new Atom(quotedAtom(), at);
        }
        if (Character.isDigit(c)) {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            try {
                return new Int(Integer.parseInt(text.substring(start, pos)), at);
            } catch (NumberFormatException e) {
                throw error("number too large: " + text.substring(start, pos));
            }
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return new Atom(text.substring(start, pos), at);
        }
        throw error("unexpected " + found());
    }

    private List<Term> items(char close) {
        List<Term> items = new ArrayList<>();
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == close) {
            pos++;
            return items;
        }
        while (true) {
            items.add(term());
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                continue;
            }
            expect(close, "',' or '" + close + "'");
            return items;
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char e = text.charAt(pos++);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case '"', '\\', '\'' -> e;
                    default -> throw error("unknown escape \\" + e + " in string");
                });
            } else {
                sb.append(c);
            }
        }
    }

    private String quotedAtom() {
        int end = text.indexOf('\'', pos + 1);
        int nl = text.indexOf('\n', pos + 1);
        if (end < 0 || (nl >= 0 && nl < end)) {
            throw error("unterminated quoted atom");
        }
        String name = text.substring(pos + 1, end);
        pos = end + 1;
        return name;
    }
}
