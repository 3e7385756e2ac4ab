package io.berth.cli.tools;

/**
 * A failure the tool reports as one line on stderr, without a stack trace, and the exit status to end with.
 * Exit statuses follow mosquitto_pub/sub: 1 for errors, the CONNACK code for a refused connection, 27 when
 * {@code -W} expires; and Berth's 2 for a usage error.
 */
public final class ToolException extends RuntimeException {

    public static final int ERROR = 1;
    public static final int USAGE = 2;
    static final int TIMED_OUT = 27;

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public ToolException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static ToolException usage(String message) {
        return new ToolException(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
