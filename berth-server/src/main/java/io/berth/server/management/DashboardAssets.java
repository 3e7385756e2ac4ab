package io.berth.server.management;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The web dashboard's files (module {@code berth-dashboard}) on the management endpoint: {@code GET /} is the
 * single-page app, and every other file is served at the URL path its manifest
 * ({@code META-INF/berth-dashboard/assets.txt}) gives it. Only the files the manifest lists have a route, so no
 * request path can reach any other resource (no directory traversal), and every other path keeps the router's JSON
 * 404. The files are read into memory once at start-up, so serving them never blocks the event loop.
 *
 * <p>Library files live under a versioned path ({@code /vendor/chart.js/4.5.1/...}) and may be cached for a year;
 * the app's own files are revalidated on every load ({@code no-cache}) so an upgrade shows at once.
 */
final class DashboardAssets {

    static final String MANIFEST = "META-INF/berth-dashboard/assets.txt";

    private static final Logger LOG = LoggerFactory.getLogger("event.management");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "no-cache";

    private final Map<String, StaticFile> files;

    private DashboardAssets(Map<String, StaticFile> files) {
        this.files = files;
    }

    /**
     * The files named by the manifest on {@code loader}'s class path; none when the dashboard jar is absent.
     *
     * @throws IllegalStateException if the manifest names a file that is not there (a broken build)
     */
    static DashboardAssets load(ClassLoader loader) {
        InputStream manifest = loader.getResourceAsStream(MANIFEST);
        if (manifest == null) {
            LOG.warn("management.dashboard_missing: {} is not on the class path; the management endpoint serves the "
                    + "API only", MANIFEST);
            return new DashboardAssets(Map.of());
        }
        Map<String, StaticFile> files = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(manifest, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                if (parts.length != 2 || !parts[0].startsWith("/")) {
                    throw new IllegalStateException(MANIFEST + " line " + number + ": expected \"/url/path "
                            + "class/path/resource\", got \"" + line + "\"");
                }
                files.put(parts[0], file(loader, parts[0], parts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MANIFEST, e);
        }
        return new DashboardAssets(Collections.unmodifiableMap(files));
    }

    private static StaticFile file(ClassLoader loader, String urlPath, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(MANIFEST + " names " + resource + " for " + urlPath
                        + ", which is not on the class path");
            }
            boolean versioned = urlPath.startsWith("/vendor/");
            return new StaticFile(in.readAllBytes(), contentType(resource), versioned ? IMMUTABLE : REVALIDATE,
                    resource.endsWith(".html"));
        }
    }

    /** The content type for a file name's extension. */
    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json", "map" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "md" -> "text/markdown; charset=utf-8";
            default -> "text/plain; charset=utf-8";
        };
    }

    /** Adds a {@code GET} route for every file; each answers from memory on the event loop. */
    void register(Router router) {
        files.forEach((path, file) -> router.get(path,
                request -> new ApiResponse(200, file, file.contentType())));
        if (!files.isEmpty()) {
            LOG.debug("management.dashboard files={}", files.size());
        }
    }

    /** The URL paths served, in manifest order. */
    Iterable<String> paths() {
        return files.keySet();
    }
}
