package io.berth.server.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Reads the {@code listeners.ssl}, {@code listeners.ws} and {@code listeners.wss} blocks for {@link BrokerConfigReader}. */
final class ListenerBlocksReader {

    /** Reads one key's value for a listener name, or returns null after adding a problem. */
    interface Values {
        <T> T get(ConfigKey<T> key, String name);
    }

    private final ConfigObject root;
    private final ConfigProblems problems;
    private final Values values;

    ListenerBlocksReader(ConfigObject root, ConfigProblems problems, Values values) {
        this.root = root;
        this.problems = problems;
        this.values = values;
    }

    List<ListenerConfig> read() {
        List<ListenerConfig> out = new ArrayList<>();
        for (ListenerKeys keys : ListenerKeys.types()) {
            ConfigValue block = ConfigProblems.find(root, "listeners." + keys.type.key());
            if (block == null || block.valueType() != ConfigValueType.OBJECT) {
                continue; // absent, or reported by the schema check
            }
            for (String name : new TreeSet<>(((ConfigObject) block).keySet())) {
                ConfigValue listener = ((ConfigObject) block).get(name);
                if (ConfigKeys.LISTENER_NAME.matcher(name).matches()
                        && listener.valueType() == ConfigValueType.OBJECT) {
                    ListenerConfig config = listener(keys, name);
                    if (config != null) {
                        out.add(config);
                    }
                }
            }
        }
        return out;
    }

    private ListenerConfig listener(ListenerKeys keys, String name) {
        int before = problemCount();
        Boolean enabled = values.get(keys.enabled, name);
        BindAddress bind = values.get(keys.bind, name);
        Integer max = values.get(keys.maxConnections, name);
        Boolean proxy = values.get(keys.proxyProtocol, name);
        java.time.Duration proxyTimeout = values.get(keys.proxyProtocolTimeout, name);
        SslOptions ssl = keys.type.tls() ? ssl(keys, name, Boolean.TRUE.equals(enabled)) : null;
        WebSocketOptions ws = keys.type.websocket() ? websocket(keys, name) : null;
        PeerCertAsUsername peer = PeerCertAsUsername.DISABLED;
        if (keys.type.tls()) {
            String field = values.get(keys.peerCertAsUsername, name);
            peer = field == null ? null : PeerCertAsUsername.of(field);
        }
        if (problemCount() != before || peer == null) {
            return null;
        }
        if (peer != PeerCertAsUsername.DISABLED && !ssl.verifyPeer()) {
            problems.add(keys.peerCertAsUsername.path(name), "needs client certificates: set "
                    + keys.verify.path(name) + " = verify_peer");
            return null;
        }
        return new ListenerConfig(keys.type, name, enabled, bind.host(), bind.port(), max, ssl, ws, peer,
                new ProxyProtocolConfig(proxy, proxyTimeout));
    }

    private SslOptions ssl(ListenerKeys k, String name, boolean enabled) {
        Path cert = file(k.certfile, name, enabled);
        Path key = file(k.keyfile, name, enabled);
        String password = values.get(k.password, name);
        Path ca = file(k.cacertfile, name, enabled);
        String verify = values.get(k.verify, name);
        Boolean failIfNoPeerCert = values.get(k.failIfNoPeerCert, name);
        List<String> versions = values.get(k.versions, name);
        List<String> ciphers = values.get(k.ciphers, name);
        Path crl = file(k.crlfile, name, enabled);
        List<SniCertificate> sni = values.get(k.sniCerts, name);
        if (verify == null || failIfNoPeerCert == null || versions == null || ciphers == null || sni == null) {
            return null;
        }
        if (enabled && !sniFilesReadable(k, name, sni)) {
            return null;
        }
        if ((cert == null) != (key == null) && !missing(k.certfile, name) && !missing(k.keyfile, name)) {
            problems.add(k.certfile.path(name), "certfile and keyfile go together: set both, or neither to use the "
                    + "generated certificate");
            return null;
        }
        boolean verifyPeer = verify.equals("verify_peer");
        if (verifyPeer && ca == null && !missing(k.cacertfile, name)) {
            problems.add(k.verify.path(name), "verify_peer needs " + k.cacertfile.path(name)
                    + ": the CA certificates that client certificates must chain to");
            return null;
        }
        if (crl != null && !verifyPeer) {
            problems.add(k.crlfile.path(name), "a CRL is only checked with " + k.verify.path(name) + " = verify_peer");
            return null;
        }
        return new SslOptions(cert, key, password, ca, verifyPeer, failIfNoPeerCert, versions, ciphers, crl, sni);
    }

    /** The SNI certificate files an enabled listener needs, checked now so the error names the key and entry. */
    private boolean sniFilesReadable(ListenerKeys k, String name, List<SniCertificate> sni) {
        ConfigValue value = ConfigProblems.find(root, k.sniCerts.path(name));
        boolean ok = true;
        for (int i = 0; i < sni.size(); i++) {
            SniCertificate entry = sni.get(i);
            for (Path path : List.of(entry.certfile(), entry.keyfile())) {
                if (!Files.isReadable(path)) {
                    String problem = "entry " + (i + 1) + " (server_name \"" + entry.serverName() + "\"): "
                            + (Files.exists(path) ? "cannot be read (permission denied): " : "no such file: ") + path;
                    ConfigValue item = value instanceof com.typesafe.config.ConfigList list && i < list.size()
                            ? list.get(i) : value;
                    if (item != null) {
                        problems.add(item.origin(), k.sniCerts.path(name), problem);
                    } else {
                        problems.add(k.sniCerts.path(name), problem);
                    }
                    ok = false;
                }
            }
        }
        return ok;
    }

    private WebSocketOptions websocket(ListenerKeys k, String name) {
        String path = values.get(k.mqttPath, name);
        String header = values.get(k.proxyAddressHeader, name);
        return path == null ? null : new WebSocketOptions(path, header);
    }

    /** A configured file that an enabled listener needs to read: checked now, so the error names the key. */
    private Path file(ConfigKey<Path> key, String name, boolean enabled) {
        Path path = values.get(key, name);
        if (path != null && enabled && !Files.isReadable(path)) {
            ConfigValue value = ConfigProblems.find(root, key.path(name));
            String problem = (Files.exists(path) ? "cannot be read (permission denied): " : "no such file: ") + path;
            if (value != null) {
                problems.add(value.origin(), key.path(name), problem);
            } else {
                problems.add(key.path(name), problem);
            }
            return null;
        }
        return path;
    }

    private boolean missing(ConfigKey<Path> key, String name) {
        Path path = values.get(key, name);
        return path != null && !Files.isReadable(path);
    }

    private int problemCount() {
        return problems.size();
    }
}
