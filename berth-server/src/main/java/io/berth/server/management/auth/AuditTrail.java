package io.berth.server.management.auth;

import io.berth.server.protection.EventLogFile;
import io.berth.server.protection.JsonLine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * The audit log of the management API: one JSON object per line in {@code <log.dir>/management-audit.log} for every
 * request that may change something (any method but GET and HEAD), answered or refused: time, who (account or API
 * key name), kind, role, source address, method, path and HTTP status. Bodies are never written, so passwords and
 * secrets never reach it. Written on its own thread (never blocks the caller) and rotated by size like
 * {@code events.log}.
 */
public final class AuditTrail implements AutoCloseable {

    /** The file name under {@code log.dir}. */
    public static final String FILE = "management-audit.log";

    private static final long MAX_SIZE = 50L * 1024 * 1024;
    private static final int MAX_FILES = 10;

    private final EventLogFile file;
    private final Clock clock;

    private AuditTrail(EventLogFile file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Appends to {@code <logDir>/management-audit.log}. */
    public static AuditTrail open(Path logDir, Clock clock) {
        return new AuditTrail(new EventLogFile(logDir.resolve(FILE), MAX_SIZE, MAX_FILES), clock);
    }

    public Path file() {
        return file.file();
    }

    /** Whether a request with {@code method} is written. */
    public static boolean audited(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return !m.equals("GET") && !m.equals("HEAD");
    }

    /** Writes one line if {@code method} is audited. Never blocks. */
    public void record(Caller caller, String method, String path, int status) {
        if (!audited(method)) {
            return;
        }
        file.append(new JsonLine().put("time", clock.instant().toString())
                .put("who", caller.name())
                .put("kind", caller.kind())
                .put("role", caller.role() == null ? null : caller.role().key())
                .put("source", caller.remoteAddress())
                .put("method", method)
                .put("path", path)
                .put("status", status)
                .toString());
    }

    @Override
    public void close() {
        file.close();
    }
}
