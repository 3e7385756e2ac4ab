package io.berth.cli.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Resolves the host, bounded in time (the JDK resolver call itself cannot be interrupted, so it runs apart). */
final class DnsStep {

    private DnsStep() {
    }

    /** The addresses, or {@code null} after reporting the failure. */
    static List<InetAddress> run(String host, long timeoutMillis, Report report) {
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            List<InetAddress> addresses = Arrays.asList(lookup.get(timeoutMillis, TimeUnit.MILLISECONDS));
            report.ok("DNS", host + " -> " + addresses.stream().map(InetAddress::getHostAddress)
                    .collect(Collectors.joining(", ")));
            return addresses;
        } catch (ExecutionException e) {
            report.fail("DNS", "cannot resolve '" + host + "': unknown host",
                    "check the spelling, or the DNS server (try: getent hosts " + host + ")");
        } catch (TimeoutException e) {
            report.fail("DNS", "no answer for '" + host + "' within " + timeoutMillis + " ms",
                    "check the DNS server settings (/etc/resolv.conf)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.fail("DNS", "interrupted", null);
        }
        return null;
    }
}
