package io.berth.server.tls;

import java.nio.file.Path;
import java.util.List;

/** TLS material a listener can reload from its files while it runs (ssl, wss and quic listeners). */
public interface ReloadableTls {

    /** The listener's id, e.g. {@code quic:default}. */
    String listenerId();

    /** The files whose change should trigger {@link #reload()}. */
    List<Path> watchedFiles();

    /**
     * Loads the files again; valid material is used for new handshakes, a bad file keeps the old material. Blocking.
     */
    ServerTls.ReloadResult reload();
}
