package io.berth.server.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DidYouMeanTest {

    @Test
    void distance_countsEdits() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("same", "same")).isZero();
    }

    @Test
    void closest_picksTheNearestWithinReach() {
        List<String> known = List.of("mqtt.max_inflight", "mqtt.max_keepalive");
        assertThat(DidYouMean.closest("mqtt.max_inflite", known)).isEqualTo("mqtt.max_inflight");
        assertThat(DidYouMean.closest("something.else.entirely", known)).isNull();
    }
}
