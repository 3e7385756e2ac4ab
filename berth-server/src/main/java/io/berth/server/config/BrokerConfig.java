package io.berth.server.config;

import io.berth.core.MqttSettings;
import io.berth.core.auth.AnonymousAccess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the broker is configured with, immutable. Built by {@link ConfigLoader#load} from a HOCON file and
 * the environment, or in code from {@link #defaults()} and the {@code with...} copies:
 * <pre>{@code
 * BrokerConfig config = BrokerConfig.defaults()
 *         .withTcpListener("default", "127.0.0.1", 0)
 *         .withMqtt(settings);
 * }</pre>
 *
 * @param node         the {@code node} block
 * @param tcpListeners the {@code listeners.tcp.<name>} blocks, sorted by name; names are unique
 * @param listeners    the {@code listeners.ssl|ws|wss.<name>} blocks, sorted by id; ids are unique
 * @param mqtt         the {@code mqtt} block
 * @param sysTopics    the {@code sys_topics} block
 * @param log          the {@code log} block
 * @param quicListeners the enabled {@code listeners.quic.<name>} blocks, sorted by name; names are unique
 * @param authentication the {@code authentication} block and the listeners' {@code allow_anonymous}
 * @param authorization  the {@code authorization} block
 * @param protection     listeners' gates and rates, automatic bans, the connection log ({@link ProtectionKeys})
 * @param durability     the {@code durability} block
 * @param management     the {@code dashboard.listeners.http} block: the management HTTP endpoint
 */
public record BrokerConfig(NodeConfig node, List<TcpListenerConfig> tcpListeners, List<ListenerConfig> listeners,
                           MqttSettings mqtt, SysTopicsConfig sysTopics, LogConfig log,
                           List<QuicListenerConfig> quicListeners, AuthenticationConfig authentication,
                           AuthorizationConfig authorization, ProtectionConfig protection,
                           DurabilityConfig durability,
                           ManagementConfig management) {

    public BrokerConfig {
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(management, "management");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(sysTopics, "sysTopics");
        Objects.requireNonNull(log, "log");
        tcpListeners = tcpListeners.stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
        var names = new HashSet<String>();
        for (TcpListenerConfig listener : tcpListeners) {
            if (!names.add(listener.name())) {
                throw new IllegalArgumentException("two TCP listeners named " + listener.name());
            }
        }
        listeners = listeners.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        var ids = new HashSet<String>();
        for (ListenerConfig listener : listeners) {
            if (!ids.add(listener.id())) {
                throw new IllegalArgumentException("two listeners " + listener.id());
            }
        }
        quicListeners = QuicListeners.sorted(quicListeners);
    }

    /** The embedded defaults ({@code reference.conf}), as the broker runs with no config file. */
    public static BrokerConfig defaults() {
        return Defaults.VALUE;
    }

    /** The listener with this name, enabled or not. */
    public Optional<TcpListenerConfig> tcpListener(String name) {
        return tcpListeners.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The listeners the broker starts. */
    public List<TcpListenerConfig> enabledTcpListeners() {
        return tcpListeners.stream().filter(TcpListenerConfig::enabled).toList();
    }

    public BrokerConfig withNode(NodeConfig newNode) {
        return new BrokerConfig(newNode, tcpListeners, listeners, mqtt, sysTopics, log, quicListeners,
                authentication, authorization, protection, durability, management);
    }

    public BrokerConfig withNodeName(String name) {
        return withNode(node.withName(name));
    }

    public BrokerConfig withDataDir(Path dir) {
        return withNode(node.withDataDir(dir));
    }

    /**
     * A copy where the listener {@code name} is enabled and bound to {@code host:port}, keeping its other settings
     * if it exists and adding it otherwise.
     */
    public BrokerConfig withTcpListener(String name, String host, int port) {
        return withTcpListener(tcpListener(name)
                .map(l -> l.withBind(host, port).withEnabled(true))
                .orElseGet(() -> TcpListenerConfig.of(name, host, port)));
    }

    /** A copy with {@code listener} replacing the one of the same name, or added. */
    public BrokerConfig withTcpListener(TcpListenerConfig listener) {
        List<TcpListenerConfig> list = new ArrayList<>(tcpListeners);
        list.removeIf(l -> l.name().equals(listener.name()));
        list.add(listener);
        return withTcpListeners(list);
    }

    /** A copy without the listener {@code name} (no change if there is none). */
    public BrokerConfig withoutTcpListener(String name) {
        return withTcpListeners(tcpListeners.stream().filter(l -> !l.name().equals(name)).toList());
    }

    public BrokerConfig withTcpListeners(List<TcpListenerConfig> tcpList) {
        return new BrokerConfig(node, tcpList, listeners, mqtt, sysTopics, log, quicListeners,
                authentication, authorization, protection, durability, management);
    }

    /** The ssl, ws or wss listener with this id ({@code ssl:default}), enabled or not. */
    public Optional<ListenerConfig> listener(String id) {
        return listeners.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** The ssl, ws and wss listeners the broker starts. */
    public List<ListenerConfig> enabledListeners() {
        return listeners.stream().filter(ListenerConfig::enabled).toList();
    }

    /** A copy with {@code listener} replacing the ssl, ws or wss listener of the same id, or added. */
    public BrokerConfig withListener(ListenerConfig listener) {
        List<ListenerConfig> list = new ArrayList<>(listeners);
        list.removeIf(l -> l.id().equals(listener.id()));
        list.add(listener);
        return withListeners(list);
    }

    /** A copy with these ssl, ws and wss listeners (the tcp ones are kept). */
    public BrokerConfig withListeners(List<ListenerConfig> list) {
        return new BrokerConfig(node, tcpListeners, list, mqtt, sysTopics, log, quicListeners,
                authentication, authorization, protection, durability, management);
    }

    public BrokerConfig withMqtt(MqttSettings settings) {
        return new BrokerConfig(node, tcpListeners, listeners, settings, sysTopics, log, quicListeners,
                authentication, authorization, protection, durability, management);
    }

    public BrokerConfig withSysTopics(SysTopicsConfig sys) {
        return new BrokerConfig(node, tcpListeners, listeners, mqtt, sys, log, quicListeners,
                authentication, authorization, protection, durability, management);
    }

    public BrokerConfig withLog(LogConfig newLog) {
        return new BrokerConfig(node, tcpListeners, listeners, mqtt, sysTopics, newLog, quicListeners,
                authentication, authorization, protection, durability, management);
    }

    /** A copy with another management HTTP endpoint ({@link ManagementConfig#disabled()} for none). */
    public BrokerConfig withManagement(ManagementConfig newManagement) {
        return new BrokerConfig(node, tcpListeners, listeners, mqtt, sysTopics, log, quicListeners, authentication,
                authorization, protection, durability, newManagement);
    }

    /** A copy with these QUIC listeners. */
    public BrokerConfig withQuicListeners(List<QuicListenerConfig> list) {
        return new BrokerConfig(node, tcpListeners, listeners, mqtt, sysTopics, log, list, authentication,
                authorization, protection, durability, management);
    }

    /** Every listener of every type, enabled or not: tcp, then ssl, ws and wss, then quic. */
    public List<ListenerSettings> allListeners() {
        List<ListenerSettings> all = new ArrayList<>(tcpListeners);
        all.addAll(listeners);
        all.addAll(quicListeners);
        return all;
    }

    /** The QUIC listeners the broker starts. */
    public List<QuicListenerConfig> enabledQuicListeners() {
        return quicListeners.stream().filter(QuicListenerConfig::enabled).toList();
    }

    /** A copy with {@code listener} replacing the QUIC listener of the same name, or added. */
    public BrokerConfig withQuicListener(QuicListenerConfig listener) {
        List<QuicListenerConfig> list = new ArrayList<>(quicListeners);
        list.removeIf(l -> l.name().equals(listener.name()));
        list.add(listener);
        return new BrokerConfig(node, tcpListeners, listeners, mqtt, sysTopics, log, list,
                authentication, authorization, protection, durability, management);
    }

    public BrokerConfig withAuthentication(AuthenticationConfig newAuthentication) {
        return new BrokerConfig(node, tcpListeners, listeners, mqtt, sysTopics, log, quicListeners, newAuthentication,
                authorization, protection, durability, management);
    }

    public BrokerConfig withAuthorization(AuthorizationConfig newAuthorization) {
        return new BrokerConfig(node, tcpListeners, listeners, mqtt, sysTopics, log, quicListeners, authentication,
                newAuthorization, protection, durability, management);
    }

    /** A copy where the TCP listener {@code name} has this {@code allow_anonymous} rule. */
    public BrokerConfig withAllowAnonymous(String name, AnonymousAccess access) {
        return withAuthentication(authentication.withAnonymous("tcp:" + name, access));
    }

    public BrokerConfig withProtection(ProtectionConfig newProtection) {
        return new BrokerConfig(node, tcpListeners, listeners, mqtt, sysTopics, log, quicListeners, authentication,
                authorization, newProtection, durability, management);
    }

    /** A copy where listener {@code id} ({@code tcp:default}) has these gate and rate settings. */
    public BrokerConfig withListenerProtection(String id, ListenerProtection settings) {
        return withProtection(protection.withListener(id, settings));
    }

    public BrokerConfig withDurability(DurabilityConfig newDurability) {
        return new BrokerConfig(node, tcpListeners, listeners, mqtt, sysTopics, log, quicListeners, authentication,
                authorization, protection, newDurability, management);
    }

    /** The durable store's directory: {@code durability.dir}, or {@code <node.data_dir>/store}. */
    public Path durabilityDir() {
        return durability.dir() != null ? durability.dir() : node.dataDir().resolve("store");
    }

    private static final class Defaults {
        static final BrokerConfig VALUE = ConfigLoader.defaults();
    }
}
