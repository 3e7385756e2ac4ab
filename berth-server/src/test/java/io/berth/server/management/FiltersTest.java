package io.berth.server.management;

import io.berth.codec.MqttVersion;
import io.berth.core.protocol.ConnectionSnapshot;
import io.berth.core.session.SessionSnapshot;
import io.berth.core.subscription.Subscription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query filters of the clients and subscriptions lists. */
class FiltersTest {

    private static ApiRequest query(String... pairs) {
        Map<String, List<String>> q = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], List.of(pairs[i + 1]));
        }
        return new ApiRequest("GET", "/x", Map.of(), new byte[0],
                io.berth.server.management.auth.Caller.anonymous("127.0.0.1"), q);
    }

    private static ClientView connected(String id, String user, MqttVersion v, String ip) {
        SessionSnapshot s = new SessionSnapshot(id, true, 0, v.level(), List.of(), 0, 0, 0);
        return new ClientView(new ConnectionSnapshot(id, user, v, 60, true, 0, 0, 0, 0, s), s, "tcp:default", ip,
                1234, 0, 0, 0, 0);
    }

    private static final ClientView ALICE = connected("alice-phone", "alice", MqttVersion.MQTT_5, "10.0.0.1");
    private static final ClientView BOB = connected("bob-tv", "bob", MqttVersion.MQTT_3_1_1, "10.0.0.2");
    private static final ClientView KEPT = ClientView.offline(new SessionSnapshot("kept-1", false, 300, 5, List.of(),
            0, 4, 0));

    private static List<String> ids(Predicate<ClientView> f) {
        return List.of(ALICE, BOB, KEPT).stream().filter(f).map(ClientView::clientId).toList();
    }

    @Test
    void clientFilters_combine() {
        assertThat(ids(ClientFilter.of(query()))).containsExactly("alice-phone", "bob-tv", "kept-1");
        assertThat(ids(ClientFilter.of(query("like_clientid", "o")))).containsExactly("alice-phone", "bob-tv");
        assertThat(ids(ClientFilter.of(query("like_clientid", "o", "proto_ver", "3.1.1")))).containsExactly("bob-tv");
        assertThat(ids(ClientFilter.of(query("proto_ver", "5")))).containsExactly("alice-phone", "kept-1");
        assertThat(ids(ClientFilter.of(query("conn_state", "disconnected")))).containsExactly("kept-1");
        assertThat(ids(ClientFilter.of(query("username", "bob")))).containsExactly("bob-tv");
        assertThat(ids(ClientFilter.of(query("like_username", "lic")))).containsExactly("alice-phone");
        assertThat(ids(ClientFilter.of(query("ip_address", "10.0.0.1")))).containsExactly("alice-phone");
        assertThat(ids(ClientFilter.of(query("clientid", "alice")))).isEmpty();
    }

    @Test
    void clientFilters_refuseUnknownValues() {
        assertThatThrownBy(() -> ClientFilter.of(query("conn_state", "idle"))).hasMessageContaining("conn_state");
        assertThatThrownBy(() -> ClientFilter.of(query("proto_ver", "6"))).hasMessageContaining("proto_ver");
    }

    @Test
    void offlineClient_jsonHasNullConnectionFields() {
        Map<String, Object> json = KEPT.json();
        assertThat(json).containsEntry("connected", false).containsEntry("conn_state", "disconnected")
                .containsEntry("keepalive", null).containsEntry("mqueue_len", 4).containsEntry("expiry_interval", 300L);
    }

    @Test
    void subscriptionFilters_matchWithOrWithoutTheSharePrefix() {
        Subscription plain = new Subscription("a", "t/1", 1, false, false, 0, 0, null);
        Subscription shared = new Subscription("b", "t/1", 2, false, false, 0, 0, "g");
        List<Subscription> all = List.of(plain, shared);
        assertThat(all.stream().filter(SubscriptionsApi.filter(query("topic", "t/1")))).hasSize(2);
        assertThat(all.stream().filter(SubscriptionsApi.filter(query("topic", "$share/g/t/1")))).containsExactly(shared);
        assertThat(all.stream().filter(SubscriptionsApi.filter(query("share_group", "g")))).containsExactly(shared);
        assertThat(all.stream().filter(SubscriptionsApi.filter(query("qos", "1")))).containsExactly(plain);
        assertThat(all.stream().filter(SubscriptionsApi.filter(query("clientid", "a")))).containsExactly(plain);
        assertThatThrownBy(() -> SubscriptionsApi.filter(query("qos", "3"))).hasMessageContaining("qos");
    }
}
