package io.berth.cli.check;

import java.io.PrintWriter;

/**
 * The lines of a check, printed as they come: {@code ok}, {@code info}, {@code warn} or {@code FAIL}, the step,
 * and a sentence. A failure carries what to do about it.
 */
final class Report {

    private final PrintWriter out;
    private int failures;
    private int warnings;
    private String firstFailure;

    Report(PrintWriter out) {
        this.out = out;
    }

    void ok(String step, String message) {
        line("ok", step, message);
    }

    void info(String step, String message) {
        line("info", step, message);
    }

    void warn(String step, String message, String fix) {
        warnings++;
        line("warn", step, message + (fix == null ? "" : System.lineSeparator() + "               fix: " + fix));
    }

    void fail(String step, String message, String fix) {
        failures++;
        if (firstFailure == null) {
            firstFailure = step + ": " + message;
        }
        line("FAIL", step, message + (fix == null ? "" : System.lineSeparator() + "               fix: " + fix));
    }

    boolean failed() {
        return failures > 0;
    }

    /** The closing line. */
    void result() {
        if (failures == 0) {
            out.println("result: OK" + (warnings > 0 ? " with " + warnings + " warning" + (warnings > 1 ? "s" : "")
                    : ""));
        } else {
            out.println("result: FAILED at " + firstFailure);
        }
        out.flush();
    }

    private void line(String status, String step, String message) {
        out.printf("  %-5s %-9s %s%n", status, step, message);
        out.flush();
    }
}
