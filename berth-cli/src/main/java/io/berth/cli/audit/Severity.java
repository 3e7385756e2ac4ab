package io.berth.cli.audit;

import java.util.Locale;

/** How much a finding matters, most serious first. Any {@link #HIGH} finding makes {@code berth audit} exit 1. */
public enum Severity {
    HIGH, MEDIUM, LOW, INFO;

    /** {@code high}, {@code medium}, {@code low} or {@code info}, as printed and in the JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
