package io.berth.core.auth.scram;

import java.util.Optional;

/** Where SCRAM credentials of users live. Thread-safe; may block (disk): call it off the event loops. */
public interface ScramCredentialStore {

    Optional<ScramCredential> find(String username, ScramMechanism mechanism);

    /** The iteration count new credentials get, also shown for unknown users so they look like known ones. */
    default int iterationCount() {
        return ScramCredential.DEFAULT_ITERATIONS;
    }
}
