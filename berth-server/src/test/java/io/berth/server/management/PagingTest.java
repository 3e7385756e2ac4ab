package io.berth.server.management;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

    private static ApiRequest query(String... pairs) {
        Map<String, List<String>> q = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], List.of(pairs[i + 1]));
        }
        return new ApiRequest("GET", "/x", Map.of(), new byte[0],
                io.berth.server.management.auth.Caller.anonymous("127.0.0.1"), q);
    }

    private static final List<Integer> SEVEN = IntStream.rangeClosed(1, 7).boxed().toList();

    @Test
    void defaults_arePage1Limit100() {
        assertThat(Paging.of(query())).isEqualTo(new Paging(1, 100));
    }

    @Test
    void apply_cutsThePage_andCountsEveryMatch() {
        Map<String, Object> body = new Paging(2, 3).apply(SEVEN);
        assertThat(body.get("data")).isEqualTo(List.of(4, 5, 6));
        assertThat(body.get("meta")).isEqualTo(Map.of("page", 2, "limit", 3, "count", 7, "hasnext", true));
        Map<String, Object> last = new Paging(3, 3).apply(SEVEN);
        assertThat(last.get("data")).isEqualTo(List.of(7));
        assertThat(((Map<?, ?>) last.get("meta")).get("hasnext")).isEqualTo(false);
    }

    @Test
    void aPageBeyondTheEnd_isEmpty_evenForHugePageNumbers() {
        assertThat(new Paging(4, 3).apply(SEVEN).get("data")).isEqualTo(List.of());
        assertThat(new Paging(Integer.MAX_VALUE, 10_000).apply(SEVEN).get("data")).isEqualTo(List.of());
    }

    @Test
    void badNumbers_are400NamingTheParameter() {
        for (String[] bad : new String[][] {{"page", "0"}, {"page", "-1"}, {"limit", "0"}, {"limit", "10001"},
                {"limit", "ten"}, {"page", "1.5"}}) {
            assertThatThrownBy(() -> Paging.of(query(bad[0], bad[1]))).as(String.join("=", bad))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.response().status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains(bad[0]).contains(bad[1]);
                    });
        }
    }
}
