package io.berth.cli.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The end of a run: counts, throughput and latency percentiles, as text or JSON. */
record Summary(String name, String endpoint, int clients, int threads, double seconds, double publishSeconds,
               int connected, long connectFailures, long disconnects, int subscribed, long sent, long acked,
               long received, long expected, long publishErrors, Histogram latency, Histogram connectLatency,
               List<String> errors) {

    static Summary of(Plan plan, BenchOptions options, BenchStats stats, long nanos, long publishNanos,
                      long expected, int subscribed) {
        List<String> errors = new ArrayList<>();
        stats.errors().forEach(errors::add);
        return new Summary(plan.name(), options.endpoint().describe(), plan.clients(), options.threads(),
                nanos / 1e9, publishNanos / 1e9, stats.connected.get(), stats.connectFailures.sum(),
                stats.disconnects.sum(), subscribed, stats.sent.sum(), stats.acked.sum(), stats.received.sum(),
                expected, stats.publishErrors.sum(), stats.latency.total().copy(),
                stats.connectLatency.total().copy(), errors);
    }

    /** A run failed when a client could not connect, lost its connection, or a publish failed. */
    boolean failed() {
        return connectFailures > 0 || disconnects > 0 || publishErrors > 0;
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1_000.0);
    }

    private double rate(long n) {
        return publishSeconds > 0 ? n / publishSeconds : 0;
    }

    String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "berth bench %s against %s: %d clients on %d threads, %.1f s%n", name,
                endpoint, clients, threads, seconds));
        b.append(String.format(Locale.ROOT, "connections: %d connected at the end, %d failed, %d lost%n",
                connected, connectFailures, disconnects));
        if (connectLatency.getTotalCount() > 0) {
            b.append("connect (to CONNACK) ms: ").append(percentiles(connectLatency)).append('\n');
        }
        if (sent > 0 || received > 0) {
            b.append(String.format(Locale.ROOT, "messages: %d sent, %d acknowledged, %d received%s, %d failed%n",
                    sent, acked, received, expected > 0 ? " of " + expected + " expected" : "", publishErrors));
            b.append(String.format(Locale.ROOT, "throughput: %.1f sent/s, %.1f received/s%n", rate(sent),
                    rate(received)));
        }
        if (latency.getTotalCount() > 0) {
            b.append("latency (publish to receive) ms: ").append(percentiles(latency)).append('\n');
        }
        for (String e : errors) {
            b.append("error: ").append(e).append('\n');
        }
        return b.toString();
    }

    private static String percentiles(Histogram h) {
        return "p50 " + millis(h.getValueAtPercentile(50)) + "  p90 " + millis(h.getValueAtPercentile(90))
                + "  p99 " + millis(h.getValueAtPercentile(99)) + "  p99.9 " + millis(h.getValueAtPercentile(99.9))
                + "  max " + millis(h.getMaxValue()) + "  (" + h.getTotalCount() + " samples)";
    }

    String json() {
        Json j = new Json();
        j.open();
        j.field("mode", name).field("endpoint", endpoint).field("clients", clients).field("threads", threads)
                .field("duration_s", seconds).field("connected", connected).field("connect_failures", connectFailures)
                .field("connections_lost", disconnects).field("subscribed", subscribed).field("sent", sent)
                .field("acked", acked).field("received", received).field("expected", expected)
                .field("publish_errors", publishErrors).field("sent_per_s", rate(sent))
                .field("received_per_s", rate(received));
        histogram(j, "latency_us", latency);
        histogram(j, "connect_latency_us", connectLatency);
        j.array("errors", errors);
        j.close();
        return j.toString();
    }

    private static void histogram(Json j, String name, Histogram h) {
        j.object(name);
        boolean any = h.getTotalCount() > 0;
        j.field("count", h.getTotalCount()).field("min", any ? h.getMinValue() : 0)
                .field("mean", any ? h.getMean() : 0).field("p50", h.getValueAtPercentile(50))
                .field("p90", h.getValueAtPercentile(90)).field("p99", h.getValueAtPercentile(99))
                .field("p99_9", h.getValueAtPercentile(99.9)).field("max", any ? h.getMaxValue() : 0);
        j.close();
    }
}
