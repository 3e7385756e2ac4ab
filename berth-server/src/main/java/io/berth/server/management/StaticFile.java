package io.berth.server.management;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A file's bytes as a route's answer body: {@link HttpDispatcher} writes them as they are, with the file's content
 * type and the caching and security headers chosen by {@link DashboardAssets}.
 *
 * @param bytes        the file's content, never changed after construction
 * @param contentType  e.g. {@code text/javascript; charset=utf-8}
 * @param cacheControl the {@code Cache-Control} value
 * @param page         whether this is the HTML page (it gets the Content-Security-Policy and frame headers)
 */
record StaticFile(byte[] bytes, String contentType, String cacheControl, boolean page) {

    /**
     * Scripts and styles only from the endpoint itself; connections to the endpoint and to any ws/wss listener (the
     * WebSocket test client); MQTT.js runs its keep-alive timer in a worker made from a blob; no framing.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; "
            + "worker-src 'self' blob:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

    /** Adds this file's headers to an answer. */
    void addHeaders(HttpHeaders headers) {
        headers.set("Cache-Control", cacheControl);
        headers.set("X-Content-Type-Options", "nosniff");
        if (page) {
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
        }
    }
}
