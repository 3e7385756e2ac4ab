package io.berth.it.tools;

import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code berth bench} against the embedded broker: short runs bounded by message limits, asserting what was
 * sent and received and the JSON summary's fields (never timings).
 */
class BenchIT {

    static TestCertificates certs;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(Path.of("target", "bench-tls", UUID.randomUUID().toString()));
        SslOptions ssl = SslOptions.defaults().withCertificate(certs.server().certFile(), certs.server().keyFile(),
                null);
        broker = EmbeddedBroker.start(c -> c.withListener(ListenerConfig.wss("default", "127.0.0.1", 0, ssl)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String[] args(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-h", "127.0.0.1", "-p", String.valueOf(broker.port()), "--prefix",
                "b" + UUID.randomUUID().toString().substring(0, 8), "--json", "-i", "0"));
        return all.toArray(String[]::new);
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":(-?[0-9.]+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private static String latencyObject(String json) {
        Matcher m = Pattern.compile("\"latency_us\":\\{([^}]*)}").matcher(json);
        assertThat(m.find()).as("latency_us in " + json).isTrue();
        return m.group(1);
    }

    @Test
    void p2p_qos1_everyMessageArrives_andTheJsonSummaryHasCountsThroughputAndPercentiles() {
        ToolRun bench = ToolRun.bench();

        int exit = bench.run(args("scenario", "p2p", "-c", "3", "-L", "20", "-I", "2", "-q", "1"));

        assertThat(exit).as(bench.err() + bench.out()).isZero();
        String json = bench.out().strip();
        assertThat(json).startsWith("{\"mode\":\"p2p\"").endsWith("}");
        assertThat(number(json, "clients")).isEqualTo(6);
        assertThat(number(json, "connect_failures")).isZero();
        assertThat(number(json, "subscribed")).isEqualTo(3);
        assertThat(number(json, "sent")).isEqualTo(60);
        assertThat(number(json, "acked")).isEqualTo(60);
        assertThat(number(json, "expected")).isEqualTo(60);
        assertThat(number(json, "received")).isEqualTo(60);
        assertThat(json).contains("\"sent_per_s\":", "\"received_per_s\":", "\"duration_s\":", "\"errors\":[]");
        String latency = latencyObject(json);
        assertThat(number("{" + latency, "count")).isEqualTo(60);
        assertThat(latency).contains("\"p50\":", "\"p90\":", "\"p99\":", "\"p99_9\":", "\"max\":");
        assertThat(number(json, "count")).isEqualTo(60); // latency_us comes first
        assertThat(bench.err()).as("progress lines go to stderr with --json").doesNotContain("Exception");
    }

    @Test
    void fanout_everySubscriberGetsEveryMessage() {
        ToolRun bench = ToolRun.bench();

        assertThat(bench.run(args("scenario", "fanout", "-c", "4", "-L", "10", "-I", "2"))).as(bench.err())
                .isZero();

        String json = bench.out();
        assertThat(number(json, "sent")).isEqualTo(10);
        assertThat(number(json, "received")).isEqualTo(40);
        assertThat(number(json, "expected")).isEqualTo(40);
    }

    @Test
    void fanin_theOneSubscriberGetsEveryPublishersMessages() {
        ToolRun bench = ToolRun.bench();

        assertThat(bench.run(args("scenario", "fanin", "-c", "5", "-L", "10", "-I", "2", "-q", "1")))
                .as(bench.err()).isZero();

        String json = bench.out();
        assertThat(number(json, "sent")).isEqualTo(50);
        assertThat(number(json, "acked")).isEqualTo(50);
        assertThat(number(json, "received")).isEqualTo(50);
        assertThat(number(json, "expected")).isEqualTo(50);
    }

    @Test
    void sharedsub_eachMessageDeliveredOnceInTheGroup() {
        ToolRun bench = ToolRun.bench();

        assertThat(bench.run(args("scenario", "sharedsub", "-c", "3", "-L", "10", "-I", "2", "-q", "1")))
                .as(bench.err()).isZero();

        String json = bench.out();
        assertThat(number(json, "sent")).isEqualTo(30);
        assertThat(number(json, "received")).isEqualTo(30);
    }

    @Test
    void connScenario_connectsEveryClient_andReportsConnectLatency() {
        ToolRun bench = ToolRun.bench();

        assertThat(bench.run(args("scenario", "conn", "-c", "25"))).as(bench.err()).isZero();

        String json = bench.out();
        assertThat(number(json, "connected")).isEqualTo(25);
        assertThat(json).containsPattern("\"connect_latency_us\":\\{\"count\":25,");
    }

    @Test
    void pubMode_andSubMode_inTwoRuns_countWhatCrossedTheBroker() throws Exception {
        String prefix = "bench/" + UUID.randomUUID();
        ToolRun sub = ToolRun.bench().start(args("sub", "-c", "2", "-t", prefix + "/#", "-q", "1", "-L", "30",
                "-d", "20"));
        // wait until both subscriptions exist: the progress line counts them
        sub.awaitErr("subscribed 2");
        ToolRun pub = ToolRun.bench();
        assertThat(pub.run(args("pub", "-c", "3", "-t", prefix + "/%i/%c", "-L", "5", "-I", "1", "-q", "1", "-s",
                "64"))).as(pub.err()).isZero();
        assertThat(number(pub.out(), "sent")).isEqualTo(15);

        assertThat(sub.awaitExit()).as(sub.err()).isZero();
        assertThat(number(sub.out(), "received")).isEqualTo(30);
        assertThat(number(sub.out(), "count")).as("latency samples from the payload time").isEqualTo(30);
    }

    @Test
    void overWss_withCafile_p2pRuns() {
        ToolRun bench = ToolRun.bench();

        int exit = bench.run("scenario", "p2p", "-c", "2", "-L", "5", "-I", "2", "--json", "-i", "0",
                "--url", "wss://127.0.0.1:" + broker.port("wss:default") + "/mqtt", "--cafile",
                certs.caFile().toString());

        assertThat(exit).as(bench.err()).isZero();
        assertThat(bench.out()).contains("\"endpoint\":\"wss://127.0.0.1:" + broker.port("wss:default") + "/mqtt\"");
        assertThat(number(bench.out(), "received")).isEqualTo(10);
    }

    @Test
    void unreachableBroker_failsWithExit1_andNamesTheError() {
        ToolRun bench = ToolRun.bench();

        int exit = bench.run("conn", "-c", "2", "-h", "127.0.0.1", "-p", "1", "--json");

        assertThat(exit).isEqualTo(1);
        assertThat(number(bench.out(), "connect_failures")).isEqualTo(2);
        assertThat(bench.out()).contains("Connection refused: 127.0.0.1:1");
    }

    @Test
    void unknownScenario_isAUsageError() {
        ToolRun bench = ToolRun.bench();
        assertThat(bench.run("scenario", "nope")).isEqualTo(2);
        assertThat(bench.err()).contains("Unknown scenario 'nope': use p2p, fanout, fanin, sharedsub or conn");
    }
}
