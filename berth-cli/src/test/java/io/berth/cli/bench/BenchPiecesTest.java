package io.berth.cli.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchPiecesTest {

    @Test
    void topicPattern_expandsClientNumberAndId() {
        assertThat(TopicPattern.expand("t/%i/%c/%i", 7, "bench_pub_7")).isEqualTo("t/7/bench_pub_7/7");
        assertThat(TopicPattern.expand("plain", 1, "x")).isEqualTo("plain");
    }

    @Test
    void payload_carriesTheSendTime_whenLongEnough() {
        byte[] p = BenchPayload.create(64, 123_456_789L);
        assertThat(p).hasSize(64);
        assertThat(BenchPayload.sentMicros(p)).isEqualTo(123_456_789L);
        assertThat(BenchPayload.sentMicros(BenchPayload.create(11, 5))).isEqualTo(-1);
        assertThat(BenchPayload.sentMicros("not a bench payload".getBytes())).isEqualTo(-1);
    }

    @Test
    void json_escapesStrings_andNestsObjects() {
        Json j = new Json();
        j.open();
        j.field("a", "x\"y\\z\n").field("n", 3L);
        j.object("o");
        j.field("d", 1.5);
        j.close();
        j.array("e", java.util.List.of("1", "2"));
        j.close();
        assertThat(j.toString()).isEqualTo("{\"a\":\"x\\\"y\\\\z\\n\",\"n\":3,\"o\":{\"d\":1.500},\"e\":[\"1\",\"2\"]}");
    }

    @Test
    void latencyStats_totalAccumulatesIntervals() {
        LatencyStats s = new LatencyStats();
        s.record(100);
        s.record(-5);
        assertThat(s.sample().getTotalCount()).isEqualTo(2);
        s.record(300);
        assertThat(s.sample().getTotalCount()).isEqualTo(1);
        assertThat(s.total().getTotalCount()).isEqualTo(3);
        assertThat(s.total().getMinValue()).isZero();
    }

    @Test
    void plan_boundedness() {
        assertThat(new Plan("conn", 5, 0, null, 0, null, 0, 0, false, 1, 0, 0, 0).bounded()).isTrue();
        assertThat(new Plan("pub", 0, 0, null, 2, "t", 0, 0, false, 1, 0, 0, 0).bounded()).isFalse();
        assertThat(new Plan("pub", 0, 0, null, 2, "t", 0, 0, false, 1, 10, 0, 0).bounded()).isTrue();
        assertThat(new Plan("sub", 0, 2, "t", 0, null, 0, 0, false, 1, 0, 100, 0).bounded()).isTrue();
    }
}
