package io.berth.server.protection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentEventsTest {

    @Test
    void keepsTheLastN_newestFirst() {
        RecentEvents ring = new RecentEvents(3);
        for (int i = 1; i <= 5; i++) {
            ring.add("{\"n\":" + i + "}");
        }
        assertThat(ring.newestFirst()).containsExactly("{\"n\":5}", "{\"n\":4}", "{\"n\":3}");
    }
}
