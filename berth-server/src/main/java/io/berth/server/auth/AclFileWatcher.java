package io.berth.server.auth;

import io.berth.core.acl.AclRules;
import io.berth.core.acl.AclSyntaxException;
import io.berth.core.acl.Authorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reloads the ACL file when it changes, on its own thread (never an event loop). A file with a syntax error is
 * reported ({@code acl.reload_failed}, with file and line) and the rules in force stay; a good one replaces them,
 * which empties every connection's ACL cache.
 */
public final class AclFileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AclFileWatcher.class);

    private final Path file;
    private final Function<Path, AclRules> loader;
    private final Consumer<AclRules> sink;
    private final WatchService watch;
    private final Thread thread;
    private AclRules last;

    private AclFileWatcher(Path file, Function<Path, AclRules> loader, Consumer<AclRules> sink, AclRules current)
            throws IOException {
        this.file = file;
        this.loader = loader;
        this.sink = sink;
        this.last = current;
        this.watch = FileSystems.getDefault().newWatchService();
        file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "berth-acl-watch");
        this.thread.setDaemon(true);
    }

    /** Starts watching {@code file}'s directory. */
    public static AclFileWatcher start(Path file, Authorization authorization) {
        return start(file, AclFile::load, authorization::replaceRules, authorization.rules());
    }

    /**
     * Starts watching {@code file}'s directory; a change reads it with {@code loader} and hands new rules to
     * {@code sink}.
     *
     * @param current the rules read at start, or null
     */
    public static AclFileWatcher start(Path file, Function<Path, AclRules> loader, Consumer<AclRules> sink,
                                       AclRules current) {
        try {
            AclFileWatcher w = new AclFileWatcher(file.toAbsolutePath().normalize(), loader, sink, current);
            w.thread.start();
            return w;
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch " + file + " for changes: " + e.getMessage(), e);
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW
                            || file.getFileName().equals(event.context())) {
                        ours = true;
                    }
                }
                key.reset();
                if (ours) {
                    reload();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed
        }
    }

    /** Reads the file again now; keeps the rules in force if it is broken. Returns whether the rules changed. */
    public boolean reload() {
        AclRules fresh;
        try {
            fresh = loader.apply(file);
        } catch (AclSyntaxException e) {
            LOG.error("acl.reload_failed {}; the rules read before stay in force", e.getMessage());
            return false;
        }
        if (last != null && last.rules().equals(fresh.rules())) {
            return false;
        }
        last = fresh;
        sink.accept(fresh);
        LOG.info("acl.reloaded file={} rules={}", file, fresh.rules().size());
        return true;
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            LOG.debug("acl watch close", e);
        }
        thread.interrupt();
    }
}
