package io.berth.server.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches the directories of the TLS listeners' certificate, key, CA and CRL files on its own thread (never an
 * event loop) and reloads a listener's material once its directory has been quiet for the debounce time, so a
 * certificate and key replaced one after the other are loaded together. Any change in a watched directory counts:
 * replacing files by renaming, or by swapping a symlinked directory (Kubernetes secrets), changes other names.
 */
public final class CertificateWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("event.tls");

    private final WatchService watcher;
    private final Map<WatchKey, Path> dirs = new LinkedHashMap<>();
    private final Map<Path, Set<ReloadableTls>> listenersByDir = new LinkedHashMap<>();
    private final Duration debounce;
    private final Thread thread;

    /**
     * Starts watching.
     *
     * @throws TlsException if the directories cannot be watched
     */
    public CertificateWatcher(List<? extends ReloadableTls> listeners, Duration debounce) {
        this.debounce = debounce;
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
            for (ReloadableTls tls : listeners) {
                for (Path file : tls.watchedFiles()) {
                    Path dir = file.toAbsolutePath().getParent();
                    if (!listenersByDir.containsKey(dir)) {
                        dirs.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), dir);
                    }
                    listenersByDir.computeIfAbsent(dir, d -> new LinkedHashSet<>()).add(tls);
                }
            }
        } catch (IOException e) {
            throw new TlsException("cannot watch certificate directories: " + e.getMessage(), e);
        }
        thread = new Thread(this::run, "berth-cert-watch");
        thread.setDaemon(true);
        thread.start();
        LOG.info("tls.watching dirs={}", listenersByDir.keySet());
    }

    private void run() {
        try {
            while (true) {
                Set<Path> changed = new LinkedHashSet<>();
                collect(watcher.take(), changed);
                WatchKey more;
                while ((more = watcher.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    collect(more, changed);
                }
                Set<ReloadableTls> toReload = new LinkedHashSet<>();
                changed.forEach(dir -> toReload.addAll(listenersByDir.getOrDefault(dir, Set.of())));
                for (ReloadableTls tls : toReload) {
                    LOG.info("tls.files_changed listener={} dirs={}", tls.listenerId(), changed);
                    tls.reload();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // close() was called
        } catch (RuntimeException e) {
            LOG.error("tls.watch_failed reason={} (certificate changes are no longer picked up automatically)",
                    e.toString());
            LOG.debug("stack trace", e);
        }
    }

    private void collect(WatchKey key, Set<Path> changed) {
        key.pollEvents();
        Path dir = dirs.get(key);
        if (dir != null) {
            changed.add(dir);
        }
        key.reset();
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
