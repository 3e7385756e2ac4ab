package io.berth.server.config;

import io.berth.server.protection.AccessRules;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenerDefinitionsTest {

    private static final String ORIGIN = "POST /api/v5/listeners";

    @Test
    void read_tcpBlock_givesTheSettingsAndGateTheConfigFileWould() {
        var d = ListenerDefinitions.read("tcp", "extra", Map.of("bind", "127.0.0.1:0", "max_connections", 10,
                "access_rules", List.of("deny 10.0.0.0/8", "allow all"), "max_conn_rate", "50/s",
                "proxy_protocol", true), ORIGIN);

        assertThat(d.settings()).isEqualTo(new TcpListenerConfig("extra", true, "127.0.0.1", 0, 10,
                new ProxyProtocolConfig(true, Duration.ofSeconds(3))));
        assertThat(d.protection().accessRules()).isEqualTo(AccessRules.parse(List.of("deny 10.0.0.0/8", "allow all")));
        assertThat(d.protection().maxConnRate()).isEqualTo(Rate.perSecond(50));
    }

    @Test
    void read_dottedAndNestedKeys_bothWork() {
        var dotted = ListenerDefinitions.read("ws", "a", Map.of("bind", "127.0.0.1:0", "websocket.mqtt_path", "/x"),
                ORIGIN);
        var nested = ListenerDefinitions.read("ws", "a", Map.of("bind", "127.0.0.1:0",
                "websocket", Map.of("mqtt_path", "/x")), ORIGIN);

        assertThat(((ListenerConfig) dotted.settings()).websocket().mqttPath()).isEqualTo("/x");
        assertThat(nested.settings()).isEqualTo(dotted.settings());
    }

    @Test
    void read_badValuesAndUnknownKeys_areRefusedNamingTheKey() {
        assertThatThrownBy(() -> ListenerDefinitions.read("tcp", "extra", Map.of("bind", "nowhere"), ORIGIN))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners.tcp.extra.bind");
        assertThatThrownBy(() -> ListenerDefinitions.read("tcp", "extra", Map.of(), ORIGIN))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners.tcp.extra.bind: missing");
        assertThatThrownBy(() -> ListenerDefinitions.read("tcp", "extra", Map.of("bind", 1884, "bnid", 1), ORIGIN))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners.tcp.extra.bnid");
        assertThatThrownBy(() -> ListenerDefinitions.read("ssl", "extra", Map.of("bind", 8884,
                "ssl_options", Map.of("versions", List.of("tlsv1.1"))), ORIGIN))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners.ssl.extra.ssl_options.versions");
        assertThatThrownBy(() -> ListenerDefinitions.read("tcp", "extra", Map.of("bind", 1884,
                "access_rules", List.of("permit all")), ORIGIN))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners.tcp.extra.access_rules");
        assertThatThrownBy(() -> ListenerDefinitions.read("tcp", "extra", Map.of("bind", 1884,
                "allow_anonymous", true), ORIGIN))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be set at runtime");
        assertThatThrownBy(() -> ListenerDefinitions.read("udp", "extra", Map.of("bind", 1884), ORIGIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listener type");
        assertThatThrownBy(() -> ListenerDefinitions.read("tcp", "Extra!", Map.of("bind", 1884), ORIGIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listener name");
    }

    @Test
    void read_aDisabledListenerAlone_isFine() {
        var d = ListenerDefinitions.read("tcp", "spare", Map.of("bind", 1884, "enabled", false), ORIGIN);
        assertThat(d.settings().enabled()).isFalse();
    }

    @Test
    void render_thenRead_givesTheSameSettings_forEveryType() {
        BrokerConfig defaults = BrokerConfig.defaults();
        for (ListenerSettings l : defaults.allListeners()) {
            ListenerProtection p = defaults.protection().listener(l.id());
            var again = ListenerDefinitions.read(l.typeKey(), l.name(), ListenerRenderer.render(l, p), ORIGIN);
            assertThat(again.settings()).as(l.id()).isEqualTo(l);
            assertThat(again.protection().maxConnRate()).as(l.id()).isEqualTo(p.maxConnRate());
            assertThat(again.protection().maxConnPerIp()).as(l.id()).isEqualTo(p.maxConnPerIp());
        }
    }

    @Test
    void update_mergesChangesIntoTheCurrentBlock() {
        ListenerConfig wss = BrokerConfig.defaults().listener("wss:default").orElseThrow();
        var d = ListenerDefinitions.update(wss, ListenerProtection.DEFAULTS, Map.of("bind", "127.0.0.1:0",
                "ssl_options", Map.of("versions", List.of("tlsv1.3")), "websocket.mqtt_path", "/v2",
                "max_conn_rate", "5/s"), "PUT");

        ListenerConfig next = (ListenerConfig) d.settings();
        assertThat(next.ssl().versions()).containsExactly("tlsv1.3");
        assertThat(next.ssl().ciphers()).isEqualTo(wss.ssl().ciphers());
        assertThat(next.websocket().mqttPath()).isEqualTo("/v2");
        assertThat(next.bind()).isEqualTo("127.0.0.1:0");
        assertThat(d.protection().maxConnRate()).isEqualTo(Rate.perSecond(5));
    }

    @Test
    void update_badChange_isRefusedNamingTheKey() {
        TcpListenerConfig tcp = TcpListenerConfig.of("default", "0.0.0.0", 1883);
        assertThatThrownBy(() -> ListenerDefinitions.update(tcp, ListenerProtection.DEFAULTS,
                Map.of("max_connections", 0), "PUT"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners.tcp.default.max_connections");
        assertThatThrownBy(() -> ListenerDefinitions.update(tcp, ListenerProtection.DEFAULTS,
                Map.of("ssl_options", Map.of()), "PUT"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners.tcp.default.ssl_options");
    }
}
