package io.berth.server.management;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardAssetsTest {

    @Test
    void manifest_servesThePageTheAppAndEveryBundledLibrary() {
        DashboardAssets assets = DashboardAssets.load(getClass().getClassLoader());
        List<String> paths = new ArrayList<>();
        assets.paths().forEach(paths::add);
        assertThat(paths).contains("/", "/js/app.js", "/app.css", "/vendor/chart.js/4.5.1/chart.umd.min.js",
                "/vendor/pico/2.1.1/pico.min.css", "/vendor/mqtt/5.16.0/mqtt.min.js",
                "/vendor/mqtt/5.16.0/LICENSE.md");

        Router router = new Router();
        assets.register(router);
        ApiResponse page = router.match("GET", "/").route().handler().handle(null);
        StaticFile html = (StaticFile) page.body();
        assertThat(html.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(html.cacheControl()).isEqualTo("no-cache");
        assertThat(html.page()).isTrue();
        String text = new String(html.bytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("/vendor/mqtt/5.16.0/mqtt.min.js").doesNotContain("${");
        assertThat(text).doesNotContain("http://", "https://"); // nothing from a CDN

        StaticFile mqtt = (StaticFile) router.match("GET", "/vendor/mqtt/5.16.0/mqtt.min.js").route().handler()
                .handle(null).body();
        assertThat(mqtt.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(mqtt.cacheControl()).contains("immutable");
        assertThat(new String(mqtt.bytes(), 0, 200, StandardCharsets.UTF_8)).contains("var mqtt=");
    }

    @Test
    void contentTypes_byExtension() {
        assertThat(DashboardAssets.contentType("a/b.css")).isEqualTo("text/css; charset=utf-8");
        assertThat(DashboardAssets.contentType("x.JS")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(DashboardAssets.contentType("LICENSE.md")).isEqualTo("text/markdown; charset=utf-8");
        assertThat(DashboardAssets.contentType("x.svg")).isEqualTo("image/svg+xml");
        assertThat(DashboardAssets.contentType("licenses.txt")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void manifest_namingAMissingFile_failsAtStartWithTheName() throws IOException {
        Path dir = Files.createTempDirectory("assets");
        Path manifest = dir.resolve(DashboardAssets.MANIFEST);
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "# comment\n/x.js META-INF/berth-dashboard/nowhere.js\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> DashboardAssets.load(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nowhere.js").hasMessageContaining("/x.js");
        }
    }

    @Test
    void noDashboardJar_servesNoFiles() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(DashboardAssets.load(empty).paths()).isEmpty();
        }
    }
}
