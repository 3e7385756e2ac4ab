package io.berth.it.authn;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.berth.testkit.TestCertificates;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** A real HTTP or HTTPS server on 127.0.0.1 and an ephemeral port, for the authentication mechanisms' tests. */
final class HttpsTestService implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String scheme;

    private HttpsTestService(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(threads);
        server.start();
    }

    /** HTTPS with this certificate (issued by the TestCertificates CA). */
    static HttpsTestService https(TestCertificates.Pair certificate) throws Exception {
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(TestCertificates.keyManagerFactory(certificate).getKeyManagers(), null, null);
        s.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new HttpsTestService(s, "https");
    }

    static HttpsTestService http() throws IOException {
        return new HttpsTestService(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
    }

    /** Answers every request on {@code path} with 200 and the JSON the supplier gives at that moment. */
    HttpsTestService json(String path, Supplier<String> body) {
        HttpHandler h = exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] out = body.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, out.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        };
        server.createContext(path, h);
        return this;
    }

    /** The URL of {@code path} at 127.0.0.1. */
    URI url(String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
