package io.berth.server.management;

import io.berth.server.metrics.BrokerMeters;

/**
 * {@code GET /metrics}: the broker's meters in Prometheus' text exposition format, for a Prometheus scrape job
 * pointed at the management endpoint. Rendering walks every meter, so it runs on the management executor, not on an
 * event loop.
 */
final class MetricsApi {

    private final BrokerMeters meters;

    MetricsApi(BrokerMeters meters) {
        this.meters = meters;
    }

    void register(Router router) {
        router.add("GET", "/metrics", request -> ApiResponse.text(200, BrokerMeters.CONTENT_TYPE, meters.scrape()),
                true).describe("The broker's meters in Prometheus' text format, for a scrape job", "text/plain");
    }
}
