package io.berth.core.subscription;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedFilterTest {

    @Test
    void parse_shareForm_splitsGroupAndFilter() {
        assertThat(SharedFilter.parse("$share/g1/a/+/#")).isEqualTo(new SharedFilter("g1", "a/+/#"));
        assertThat(SharedFilter.parse("$share/g/#")).isEqualTo(new SharedFilter("g", "#"));
        assertThat(SharedFilter.parse("$share/g//")).isEqualTo(new SharedFilter("g", "/"));
    }

    @Test
    void parse_queueForm_isTheQueueGroup() {
        assertThat(SharedFilter.parse("$queue/jobs/+")).isEqualTo(new SharedFilter("$queue", "jobs/+"));
    }

    @Test
    void parse_nonSharedFilter_returnsNull() {
        for (String filter : List.of("a/b", "#", "$SYS/#", "$share", "$sharex/g/a", "$queue", "share/g/a")) {
            assertThat(SharedFilter.parse(filter)).as(filter).isNull();
        }
    }

    /** MQTT-4.8.2-1, MQTT-4.8.2-2: a share name of at least one character without '+' or '#', then '/' and a filter. */
    @Test
    void parse_malformedSharedFilter_isRejected() {
        for (String filter : List.of("$share/", "$share//a", "$share/g", "$share/g/", "$share/g+/a", "$share/#/a",
                "$queue/")) {
            assertThatThrownBy(() -> SharedFilter.parse(filter)).as(filter)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void fullFilter_roundTrips() {
        for (String filter : List.of("$share/g/a/b", "$queue/a/+")) {
            assertThat(SharedFilter.parse(filter).fullFilter()).isEqualTo(filter);
        }
        Subscription s = new Subscription("c", "a/+", 1, false, false, 0, 0, "g");
        assertThat(s.fullTopicFilter()).isEqualTo("$share/g/a/+");
        assertThat(new Subscription("c", "a/+", 1, false, false, 0, 0, null).fullTopicFilter()).isEqualTo("a/+");
    }

    @Test
    void subscription_outOfRangeOptions_areRejected() {
        assertThatThrownBy(() -> new Subscription("c", "a", 3, false, false, 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Subscription("c", "a", 1, false, false, 3, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Subscription("c", "a", 1, false, false, 0, -1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Subscription("c", "a", 1, false, false, 0, 268_435_456, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
