package io.berth.server.management;

import io.berth.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Online backup of the durable store: {@code POST /api/v5/data/backup} with {@code {"dir": "/abs/path"}} writes a
 * RocksDB checkpoint of the running broker's store into that directory, which must not exist yet (a consistent
 * copy; hard links where the file system allows). Blocking: it runs on the management executor. Restore is offline
 * only ({@code berth store restore}).
 */
final class StoreApi {

    private final Consumer<Path> backup;

    /** @param backup writes a checkpoint to a new directory; throws IllegalStateException when durability is off */
    StoreApi(Consumer<Path> backup) {
        this.backup = backup;
    }

    void register(Router router) {
        router.add("POST", "/api/v5/data/backup", this::backup, true);
    }

    private ApiResponse backup(ApiRequest r) {
        Map<String, Object> body = Json.readObject(r.body());
        Object dir = body.get("dir");
        if (!(dir instanceof String text) || text.isBlank()) {
            throw new ApiException(400, "BAD_REQUEST", "\"dir\" is required: the absolute path of a new directory");
        }
        Path target;
        try {
            target = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ApiException(400, "BAD_REQUEST", "\"dir\" is not a path: " + e.getMessage());
        }
        if (!target.isAbsolute()) {
            throw new ApiException(400, "BAD_REQUEST", "\"dir\" must be an absolute path, got " + text);
        }
        if (Files.exists(target)) {
            throw new ApiException(409, "ALREADY_EXISTS", "backup target " + target + " already exists");
        }
        long started = System.nanoTime();
        try {
            backup.accept(target);
        } catch (IllegalStateException e) {
            throw new ApiException(400, "DURABILITY_OFF", e.getMessage());
        } catch (StoreException e) {
            throw new ApiException(500, "BACKUP_FAILED", e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dir", target.toString());
        out.put("files", fileCount(target));
        out.put("elapsed_ms", (System.nanoTime() - started) / 1_000_000);
        return ApiResponse.ok(out);
    }

    private static long fileCount(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
