package io.berth.server.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.List;

/**
 * A JWK Set read from a file and read again when the file's modification time or size changes (checked at each
 * use, on the authentication executor). A file that cannot be read or parsed keeps the previous keys in force and
 * is logged; with no previous keys, tokens are refused.
 */
final class JwksFile implements JWKSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(JwksFile.class);

    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(FileTime modified, long size, JWKSet keys) {
    }

    JwksFile(Path file) {
        this.file = file;
        reloadIfChanged();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Loaded current = reloadIfChanged();
        if (current == null) {
            throw new KeySourceException("JWK Set file " + file + " could not be read");
        }
        return selector.select(current.keys());
    }

    private synchronized Loaded reloadIfChanged() {
        Loaded current = loaded;
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (current != null && current.modified().equals(modified) && current.size() == size) {
                return current;
            }
            JWKSet keys = JWKSet.load(file.toFile());
            loaded = new Loaded(modified, size, keys);
            LOG.info("authentication.jwks_loaded file={} keys={}", file, keys.getKeys().size());
            return loaded;
        } catch (IOException | ParseException e) {
            LOG.error("authentication.jwks_failed file={}: {}{}", file, e.getMessage(),
                    current == null ? "" : " (the previous keys stay in force)");
            return current;
        }
    }
}
