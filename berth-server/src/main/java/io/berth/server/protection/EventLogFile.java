package io.berth.server.protection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Appends lines to a file on a thread of its own, so event loops never wait for the disk, and rotates it by size
 * ({@code events.log} → {@code events.log.1} → ... → {@code events.log.<maxFiles>}, the oldest deleted). When the
 * queue is full (the disk cannot keep up) lines are dropped and counted, never blocking the caller.
 */
public final class EventLogFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogFile.class);
    private static final int QUEUE = 65_536;
    private static final String STOP = new String("stop");

    private final Path file;
    private final long maxSize;
    private final int maxFiles;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;
    private OutputStream out;
    private long size;

    public EventLogFile(Path file, long maxSize, int maxFiles) {
        this.file = file;
        this.maxSize = maxSize;
        this.maxFiles = maxFiles;
        this.writer = new Thread(this::run, "berth-events-log");
        writer.setDaemon(true);
        writer.start();
    }

    public Path file() {
        return file;
    }

    /** Queues one line (without line break). Never blocks. */
    public void append(String line) {
        if (!queue.offer(line)) {
            dropped.increment();
        }
    }

    /** Lines dropped because the writer could not keep up. */
    public long dropped() {
        return dropped.sum();
    }

    private void run() {
        List<String> batch = new ArrayList<>();
        try {
            while (true) {
                String line = queue.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                batch.add(line);
                queue.drainTo(batch, 1024);
                boolean stop = batch.remove(STOP);
                write(batch);
                batch.clear();
                if (stop) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
        }
    }

    private void write(List<String> lines) {
        try {
            for (String line : lines) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                if (out == null) {
                    open();
                } else if (size + bytes.length > maxSize && size > 0) {
                    rotate();
                }
                out.write(bytes);
                size += bytes.length;
            }
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            dropped.add(lines.size());
            LOG.warn("events_log.write_failed file={}: {}", file, e.toString());
            closeQuietly();
        }
    }

    private void open() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        closeQuietly();
        Files.deleteIfExists(numbered(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
            out = null;
        }
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
