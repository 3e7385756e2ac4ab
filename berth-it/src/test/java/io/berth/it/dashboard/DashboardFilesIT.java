package io.berth.it.dashboard;

import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's files on the management endpoint: content types, caching, no way out of the listed files. */
class DashboardFilesIT {

    private static EmbeddedBroker broker;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start(cfg -> cfg.withManagement(ManagementConfig.on("127.0.0.1", 0)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broker.managementPort() + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void root_isTheSinglePageApp_withAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<byte[]> res = get("/");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(res.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(res.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(res.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(res.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(new String(res.body(), StandardCharsets.UTF_8)).contains("<title>Berth dashboard</title>");
    }

    @Test
    void scriptsAndStyles_haveTheirContentTypes_andLibrariesAreCachedForGood() throws Exception {
        HttpResponse<byte[]> app = get("/js/app.js");
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(app.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<byte[]> css = get("/vendor/pico/2.1.1/pico.min.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");

        HttpResponse<byte[]> mqtt = get("/vendor/mqtt/5.16.0/mqtt.min.js");
        assertThat(mqtt.statusCode()).isEqualTo(200);
        assertThat(mqtt.body().length).isGreaterThan(100_000);
        HttpResponse<byte[]> license = get("/vendor/mqtt/5.16.0/LICENSE.md");
        assertThat(new String(license.body(), StandardCharsets.UTF_8)).contains("MIT");
        assertThat(get("/vendor/chart.js/4.5.1/chart.umd.min.js").statusCode()).isEqualTo(200);
    }

    @Test
    void pathsOutsideTheListedFiles_get404Json() throws Exception {
        for (String path : new String[] {"/index.htm", "/js/", "/js", "/META-INF/berth-dashboard/index.html",
                "/vendor/mqtt/5.16.0/dist/mqtt.min.js", "/js/%2e%2e/assets.txt", "/js/..%2f..%2fassets.txt"}) {
            HttpResponse<byte[]> res = get(path);
            assertThat(res.statusCode()).as(path).isEqualTo(404);
            assertThat(res.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
            assertThat(new String(res.body(), StandardCharsets.UTF_8)).as(path).contains("\"NOT_FOUND\"");
        }
        // under /api an unknown path is not a file either: without a login it is refused before it is looked up
        HttpResponse<byte[]> api = get("/api/v5/nothing-here");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void rawDotDotPath_neverReachesAClassPathResource() throws Exception {
        // java.net.http normalises "..": send the request line byte for byte
        try (Socket s = new Socket("127.0.0.1", broker.managementPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /js/../../META-INF/berth-dashboard/assets.txt HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 404").contains("NOT_FOUND").doesNotContain("vendor/");
        }
    }
}
