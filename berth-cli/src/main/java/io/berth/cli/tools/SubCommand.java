package io.berth.cli.tools;

import io.berth.client.ClientOptions;
import io.berth.client.ReasonCodes;
import io.berth.client.ReceivedMessage;
import io.berth.codec.MqttProperties;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubscriptionRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code berth sub}: subscribes and prints the messages that arrive, like mosquitto_sub, until {@code -C}
 * messages have arrived, {@code -W} seconds have passed (exit status 27, as mosquitto_sub), the connection is
 * lost (1), or the process is stopped.
 */
@Command(name = "sub", sortOptions = false,
        description = "Subscribe and print the messages that arrive (options as in mosquitto_sub).")
public final class SubCommand implements Callable<Integer> {

    @Mixin
    private ToolOptions options;

    @Option(names = {"-t", "--topic"}, paramLabel = "FILTER", description = "Topic filter; repeat for more.")
    private List<String> topics = new ArrayList<>();

    @Option(names = {"-C", "--count"}, paramLabel = "N", description = "Exit after N messages.")
    private Integer count;

    @Option(names = {"-v", "--verbose"}, description = "Print the topic before each payload.")
    private boolean verbose;

    @Option(names = {"-N", "--no-newline"}, description = "Print no newline after each payload.")
    private boolean noNewline;

    @Option(names = {"-W", "--timeout"}, paramLabel = "SECONDS",
            description = "Exit (with status 27) after this many seconds if not done by then.")
    private Integer timeoutSeconds;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ToolLogging.init();
            run(out);
            return 0;
        } catch (ToolException e) {
            out.flush();
            err.println(e.exitCode() == ToolException.TIMED_OUT ? e.getMessage() : "berth sub: " + e.getMessage());
            return e.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private void run(PrintWriter out) {
        List<String> filters = filters();
        if (count != null && count < 1) {
            throw ToolException.usage("-C must be at least 1, not " + count);
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw ToolException.usage("-W must be at least 1 second, not " + timeoutSeconds);
        }
        ClientOptions clientOptions = options.clientOptions("sub", out);
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger received = new AtomicInteger();
        long deadline = timeoutSeconds == null ? 0 : System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try (ToolSession session = ToolSession.connect(clientOptions, m -> onMessage(m, out, received, done))) {
            List<SubscriptionRequest> requests = filters.stream()
                    .map(f -> new SubscriptionRequest(f, options.qos)).toList();
            MqttProperties properties = PropertyOptions.apply(options.properties, "subscribe",
                    MqttProperties.builder()).build();
            List<ReasonCode> codes = ToolSession.await(session.client().subscribe(requests, properties),
                    clientOptions.connectTimeout().toMillis());
            for (int i = 0; i < codes.size() && i < filters.size(); i++) {
                if (codes.get(i).isError()) {
                    throw new ToolException(ToolException.ERROR, "Subscription to '" + filters.get(i)
                            + "' refused: " + ReasonCodes.describe(codes.get(i)));
                }
            }
            session.client().closeFuture().whenComplete((v, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                }
            });
            awaitDone(done, deadline);
        }
    }

    private List<String> filters() {
        MqttUrl url = options.parsedUrl();
        if (url != null && !topics.isEmpty()) {
            throw ToolException.usage("-L gives the topic: do not combine it with -t");
        }
        List<String> filters = url != null ? List.of(url.topic()) : topics;
        if (filters.isEmpty()) {
            throw ToolException.usage("give at least one topic filter with -t (or -L mqtt://host/topic)");
        }
        return filters;
    }

    /** On the event loop: prints one message; completes {@code done} at the {@code -C} count. */
    private void onMessage(ReceivedMessage m, PrintWriter out, AtomicInteger received, CompletableFuture<Void> done) {
        int n = received.incrementAndGet();
        if (count != null && n > count) {
            return;
        }
        String payload = new String(m.payload(), StandardCharsets.UTF_8);
        String line = verbose ? m.topic() + " " + payload : payload;
        if (noNewline) {
            out.print(line);
        } else {
            out.println(line);
        }
        out.flush();
        if (count != null && n == count) {
            done.complete(null);
        }
    }

    private static void awaitDone(CompletableFuture<Void> done, long deadline) {
        try {
            if (deadline == 0) {
                done.get();
            } else {
                done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            throw new ToolException(ToolException.TIMED_OUT, "Timed out");
        } catch (ExecutionException e) {
            throw new ToolException(ToolException.ERROR, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(ToolException.ERROR, "Interrupted");
        }
    }
}
