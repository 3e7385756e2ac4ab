package io.berth.cli.audit;

import java.util.Objects;

/**
 * One result of the audit.
 *
 * @param severity how much it matters
 * @param check    a stable identifier of the check, e.g. {@code anonymous_public}, for scripts
 * @param subject  what it is about: a listener id ({@code tcp:default}), a config key or a file
 * @param problem  what is wrong, in one sentence
 * @param fix      what to change
 */
public record Finding(Severity severity, String check, String subject, String problem, String fix) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }
}
