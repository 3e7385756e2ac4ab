package io.berth.server.management;

/** A route's refusal, answered as {@link ApiResponse#error}. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    /**
     * @param status HTTP status
     * @param code   EMQX-style error code, e.g. {@code NOT_FOUND}, {@code BAD_REQUEST}
     */
    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public ApiResponse response() {
        return ApiResponse.error(status, code, getMessage());
    }
}
