package io.berth.server.protection;

import io.berth.core.ban.Ban;
import io.berth.core.ban.BanList;
import io.berth.core.limit.TokenBucket;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Access rules, token buckets, the ban list and its file format, the JSON line writer. */
class ProtectionUnitsTest {

    @Test
    void accessRules_firstMatchDecides_andNoMatchAllows() throws Exception {
        AccessRules rules = AccessRules.parse(List.of("allow 10.0.0.0/8", "deny 10.1.0.0/16", "deny 192.168.1.7"));
        assertThat(rules.deniedBy(InetAddress.getByName("10.1.2.3"))).isNull(); // the allow came first
        assertThat(rules.deniedBy(InetAddress.getByName("192.168.1.7"))).isEqualTo("deny 192.168.1.7");
        assertThat(rules.deniedBy(InetAddress.getByName("172.16.0.1"))).isNull();
        assertThat(AccessRules.parse(List.of("allow 127.0.0.1", "deny all"))
                .deniedBy(InetAddress.getByName("::1"))).isEqualTo("deny all");
        assertThatThrownBy(() -> AccessRules.parse(List.of("permit 1.2.3.4"))).hasMessageContaining("allow or deny");
        assertThatThrownBy(() -> AccessRules.parse(List.of("deny 1.2.3.4/33"))).hasMessageContaining("prefix");
        assertThatThrownBy(() -> AccessRules.parse(List.of("deny"))).hasMessageContaining("must be");
    }

    @Test
    void tokenBucket_refillsAtItsRate_andReportsDebt() {
        AtomicLong now = new AtomicLong();
        TokenBucket b = new TokenBucket(10, 10, now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(b.tryTake()).isTrue();
        }
        assertThat(b.tryTake()).isFalse();
        assertThat(b.nanosUntil(1)).isEqualTo(100_000_000L);
        now.addAndGet(100_000_000L);
        assertThat(b.tryTake()).isTrue();
        assertThat(b.takeUpTo(5)).isZero();
        now.addAndGet(1_000_000_000L);
        assertThat(b.takeUpTo(50)).isEqualTo(10);
        assertThat(b.take(5)).isEqualTo(500_000_000L);
    }

    @Test
    void banList_matchesByKind_dropsExpired_andReplacesTheSameWho() throws Exception {
        BanList list = BanList.inMemory(Clock.systemUTC());
        Instant now = Instant.now();
        list.add(new Ban(Ban.Kind.PEERHOST, "10.0.0.0/8", "r", "ops", now, null));
        list.add(new Ban(Ban.Kind.USERNAME, "bob", "r", "ops", now, now.minusSeconds(1)));
        assertThat(list.match("c", "x", InetAddress.getByName("10.9.9.9"))).isPresent();
        assertThat(list.match("c", "bob", InetAddress.getByName("11.0.0.1"))).isEmpty();
        list.add(new Ban(Ban.Kind.PEERHOST, "10.0.0.0/8", "again", "ops", now, null));
        assertThat(list.list()).singleElement().satisfies(b -> assertThat(b.reason()).isEqualTo("again"));
        assertThatThrownBy(() -> new Ban(Ban.Kind.PEERHOST, "not-an-ip", "", "", now, null))
                .hasMessageContaining("not an IP");
    }

    @Test
    void banFile_roundTripsTabsAndNewlines() {
        Ban b = new Ban(Ban.Kind.CLIENTID, "id\twith\ttabs", "line1\nline2 \\ back", "ops", Instant.now(), null);
        String line = b.kind().key() + "\t" + FileBanStore.escape(b.who()) + "\t" + b.at() + "\t-\t"
                + FileBanStore.escape(b.by()) + "\t" + FileBanStore.escape(b.reason());
        assertThat(FileBanStore.parse(line)).isEqualTo(b);
    }

    @Test
    void jsonLine_escapesQuotesControlCharactersAndWritesNullsAndNumbers() {
        String json = new JsonLine().put("a", "q\"\\\n\u0001").put("n", 5).put("z", null).put("b", true).toString();
        assertThat(json).isEqualTo("{\"a\":\"q\\\"\\\\\\n\\u0001\",\"n\":5,\"z\":null,\"b\":true}");
    }
}
