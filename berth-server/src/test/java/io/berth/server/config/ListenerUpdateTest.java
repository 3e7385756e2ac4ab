package io.berth.server.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenerUpdateTest {

    private final TcpListenerConfig tcp = TcpListenerConfig.of("extra", "127.0.0.1", 1884);

    @Test
    void apply_parsesValuesAsTheConfigFileDoes() {
        ListenerSettings next = ListenerUpdate.apply(tcp, Map.of("bind", "[::1]:1885", "max_connections", "infinity",
                "enabled", false));
        assertThat(next).isEqualTo(new TcpListenerConfig("extra", false, "::1", 1885, Integer.MAX_VALUE));
        assertThat(ListenerUpdate.apply(tcp, Map.of("bind", 1886)).bind()).isEqualTo("0.0.0.0:1886");
        assertThat(ListenerUpdate.apply(tcp, Map.of("max_connections", 10)).maxConnections()).isEqualTo(10);
    }

    @Test
    void apply_keepsTheOtherSettingsOfTheType() {
        ListenerConfig ws = ListenerConfig.ws("default", "0.0.0.0", 8083)
                .withProxyProtocol(ProxyProtocolConfig.required(java.time.Duration.ofSeconds(2)));
        ListenerSettings next = ListenerUpdate.apply(ws, Map.of("bind", "127.0.0.1:18083"));
        assertThat(next).isEqualTo(ws.withBind("127.0.0.1", 18083));
    }

    @Test
    void apply_invalidValueOrUnknownKey_namesTheKey() {
        assertThatThrownBy(() -> ListenerUpdate.apply(tcp, Map.of("bind", "nowhere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bind: must be");
        assertThatThrownBy(() -> ListenerUpdate.apply(tcp, Map.of("max_connections", 0)))
                .hasMessageStartingWith("max_connections: ");
        assertThatThrownBy(() -> ListenerUpdate.apply(tcp, Map.of("ssl_options", Map.of())))
                .hasMessageContaining("ssl_options: unknown key").hasMessageContaining("bind, enabled, max_connections");
    }
}
