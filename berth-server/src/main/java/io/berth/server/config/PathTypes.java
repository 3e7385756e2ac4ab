package io.berth.server.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Value types for files named in the configuration. The type checks the path's syntax; whether the file exists
 * and can be read is checked by the reader with {@link #unreadable(Path)}, so that examples in the key table need
 * not exist on the machine that builds the docs.
 */
final class PathTypes {

    private PathTypes() {
    }

    /** A path to a file, resolved against the working directory. */
    static ValueType<Path> file() {
        return new ValueType<>("path", "an existing readable file; relative to the working directory",
                v -> toPath(Scalars.text(v, "a file path")));
    }

    /** Like {@link #file()}, or {@code ""} for none (the Java value is then null). */
    static ValueType<Path> optionalFile() {
        return new ValueType<>("path", "an existing readable file, or \"\" for none", v -> {
            String s = Scalars.text(v, "a file path or \"\"");
            return s.isBlank() ? null : toPath(s);
        });
    }

    /** Why {@code path} cannot be read as a file, or null if it can. */
    static String unreadable(Path path) {
        if (!Files.exists(path)) {
            return "no such file: " + path;
        }
        if (!Files.isRegularFile(path)) {
            return "not a regular file: " + path;
        }
        if (!Files.isReadable(path)) {
            return "cannot be read (permission denied): " + path;
        }
        return null;
    }

    private static Path toPath(String text) {
        if (text.isBlank()) {
            throw new InvalidValueException("must not be empty");
        }
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidValueException("is not a valid path: " + e.getMessage());
        }
    }
}
