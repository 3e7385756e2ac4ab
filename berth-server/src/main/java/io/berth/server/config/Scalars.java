package io.berth.server.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Reading plain numbers, booleans and strings out of HOCON values, with the value shown back in problems. */
final class Scalars {

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private Scalars() {
    }

    /** The value as it would be written in a file: {@code 0}, {@code "abc"}, {@code true}, {@code {...}}. */
    static String show(ConfigValue value) {
        String text = value.render(ConfigRenderOptions.concise());
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    /** A string, or the text of a number or boolean; objects, lists and null are refused. */
    static String text(ConfigValue value, String expected) {
        return switch (value.valueType()) {
            case STRING -> (String) value.unwrapped();
            case NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
            default -> throw new InvalidValueException("must be " + expected + ", got " + show(value));
        };
    }

    /** A number, also accepted as a string holding a number (environment variables, quoted values). */
    static BigDecimal number(ConfigValue value, String expected) {
        if (value.valueType() == ConfigValueType.NUMBER) {
            return new BigDecimal(String.valueOf(value.unwrapped()));
        }
        if (value.valueType() == ConfigValueType.STRING) {
            String text = ((String) value.unwrapped()).trim();
            if (NUMBER.matcher(text).matches()) {
                return new BigDecimal(text);
            }
        }
        throw new InvalidValueException("must be " + expected + ", got " + show(value));
    }

    /** A whole number, refusing fractions. */
    static long integer(ConfigValue value, String expected) {
        BigDecimal number = number(value, expected);
        try {
            return number.longValueExact();
        } catch (ArithmeticException notWhole) {
            throw new InvalidValueException("must be " + expected + ", got " + show(value));
        }
    }

    static boolean bool(ConfigValue value) {
        if (value.valueType() == ConfigValueType.BOOLEAN) {
            return (Boolean) value.unwrapped();
        }
        if (value.valueType() == ConfigValueType.STRING) {
            String text = ((String) value.unwrapped()).trim();
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        throw new InvalidValueException("must be true or false, got " + show(value));
    }

    /** Whether the value is the given word, e.g. {@code infinity} or {@code disabled}. */
    static boolean isWord(ConfigValue value, String word) {
        return value.valueType() == ConfigValueType.STRING && ((String) value.unwrapped()).trim().equals(word);
    }
    /** A list of strings (numbers and booleans as their text). */
    static java.util.List<String> list(ConfigValue value, String expected) {
        if (value.valueType() != ConfigValueType.LIST) {
            throw new InvalidValueException("must be " + expected + ", got " + show(value));
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (ConfigValue element : (com.typesafe.config.ConfigList) value) {
            out.add(text(element, expected));
        }
        return out;
    }
}
