package io.berth.server.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.berth.server.config.QuicListenerKeys.*;

/** Reads the {@code listeners.quic.<name>} blocks; problems go to the shared {@link ConfigProblems}. */
final class QuicListenersReader {

    static final String QUIC = "listeners.quic";

    private final ConfigObject root;
    private final ConfigProblems problems;
    private final BrokerConfigReader values;

    QuicListenersReader(ConfigObject root, ConfigProblems problems, BrokerConfigReader values) {
        this.root = root;
        this.problems = problems;
        this.values = values;
    }

    List<QuicListenerConfig> read() {
        ConfigValue block = ConfigProblems.find(root, QUIC);
        List<QuicListenerConfig> listeners = new ArrayList<>();
        if (block == null || block.valueType() != ConfigValueType.OBJECT) {
            return listeners; // absent, or reported by the schema check
        }
        for (String name : new TreeSet<>(((ConfigObject) block).keySet())) {
            ConfigValue listener = ((ConfigObject) block).get(name);
            if (!ConfigKeys.LISTENER_NAME.matcher(name).matches() || listener.valueType() != ConfigValueType.OBJECT) {
                continue; // reported by the schema check
            }
            QuicListenerConfig config = listener(name);
            if (config != null) {
                listeners.add(config);
            }
        }
        return listeners;
    }

    private QuicListenerConfig listener(String name) {
        Boolean enabled = values.get(ENABLED, name);
        BindAddress bind = values.get(BIND, name);
        Integer maxConnections = values.get(MAX_CONNECTIONS, name);
        Duration idleTimeout = values.get(IDLE_TIMEOUT, name);
        if (enabled == null || bind == null || maxConnections == null || idleTimeout == null) {
            return null;
        }
        QuicSslOptions ssl = ssl(name);
        return ssl == null ? null
                : new QuicListenerConfig(name, enabled, bind.host(), bind.port(), maxConnections, idleTimeout, ssl);
    }

    private QuicSslOptions ssl(String name) {
        Path certfile = readableFile(CERTFILE, name);
        Path keyfile = readableFile(KEYFILE, name);
        Path cacertfile = values.get(CACERTFILE, name);
        String verify = values.get(VERIFY, name);
        Boolean failIfNoPeerCert = values.get(FAIL_IF_NO_PEER_CERT, name);
        if (cacertfile != null && PathTypes.unreadable(cacertfile) != null) {
            problems.add(CACERTFILE.path(name), PathTypes.unreadable(cacertfile));
            return null;
        }
        if (!problems.isEmpty() || verify == null || failIfNoPeerCert == null) {
            return null;
        }
        if ((certfile == null) != (keyfile == null)) {
            ConfigKey<Path> unset = certfile == null ? CERTFILE : KEYFILE;
            problems.add(unset.path(name), "missing; set certfile and keyfile together, or neither to use the "
                    + "generated certificate, e.g. " + unset.path(name).substring(unset.path(name).lastIndexOf('.') + 1)
                    + " = " + unset.example());
            return null;
        }
        boolean verifyPeer = verify.equals("verify_peer");
        if (verifyPeer && cacertfile == null) {
            problems.add(VERIFY.path(name), "verify_peer needs " + CACERTFILE.path(name)
                    + ": the CA certificates that client certificates are checked against");
            return null;
        }
        if (failIfNoPeerCert && !verifyPeer) {
            problems.add(FAIL_IF_NO_PEER_CERT.path(name), "needs " + VERIFY.path(name) + " = verify_peer");
            return null;
        }
        return new QuicSslOptions(certfile, keyfile, cacertfile, verifyPeer, failIfNoPeerCert);
    }

    /** An optional file (null when empty); one that does not exist or cannot be read gives a problem naming the key. */
    private Path readableFile(ConfigKey<Path> key, String name) {
        String path = key.path(name);
        Path file = values.get(key, name);
        if (file == null) {
            return null;
        }
        String why = PathTypes.unreadable(file);
        if (why != null) {
            problems.add(path, why);
            return null;
        }
        return file;
    }
}
