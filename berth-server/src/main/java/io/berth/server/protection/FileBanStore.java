package io.berth.server.protection;

import io.berth.core.ban.Ban;
import io.berth.core.ban.BanStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Bans in a text file ({@code <node.data_dir>/banned.tsv}): one ban per line, tab-separated
 * {@code kind who at until by reason}, with {@code \t}, {@code \n} and {@code \\} escaped; {@code until} is
 * {@code -} for never. Saves run on a thread of their own (callers may be event loops) and replace the file
 * atomically. A line that cannot be read is logged and skipped: one bad line does not lose the others.
 */
public final class FileBanStore implements BanStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileBanStore.class);

    private final Path file;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "berth-bans");
        t.setDaemon(true);
        return t;
    });

    public FileBanStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public List<Ban> load() {
        List<Ban> bans = new ArrayList<>();
        if (!Files.exists(file)) {
            return bans;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                try {
                    bans.add(parse(line));
                } catch (RuntimeException e) {
                    LOG.warn("bans.bad_line file={} line={}: {}", file, i + 1, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.error("bans.unreadable file={}: {}", file, e.toString());
        }
        return bans;
    }

    @Override
    public void save(List<Ban> bans) {
        List<Ban> copy = List.copyOf(bans);
        writer.execute(() -> write(copy));
    }

    private void write(List<Ban> bans) {
        StringBuilder sb = new StringBuilder("# kind\twho\tat\tuntil\tby\treason\n");
        for (Ban b : bans) {
            sb.append(b.kind().key()).append('\t').append(escape(b.who())).append('\t').append(b.at()).append('\t')
                    .append(b.until() == null ? "-" : b.until().toString()).append('\t').append(escape(b.by()))
                    .append('\t').append(escape(b.reason())).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("bans.write_failed file={}: {}", file, e.toString());
        }
    }

    static Ban parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 tab-separated fields, got " + f.length);
        }
        return new Ban(Ban.Kind.of(f[0]), unescape(f[1]), unescape(f[5]), unescape(f[4]), Instant.parse(f[2]),
                f[3].equals("-") ? null : Instant.parse(f[3]));
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Finishes pending saves. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
