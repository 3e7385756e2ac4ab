package io.berth.cli.bench;

import io.berth.cli.tools.ToolException;
import picocli.CommandLine.Option;

import java.util.concurrent.TimeUnit;

/** What publishers send: QoS, size, pace and how many (emqtt-bench's -q, -s, -I, -L, -r). */
final class MessageOptions {

    @Option(names = {"-q", "--qos"}, paramLabel = "QOS", defaultValue = "0", description = "QoS. Default: 0.")
    int qos;

    @Option(names = {"-s", "--size"}, paramLabel = "BYTES", defaultValue = "256",
            description = "Payload size; 12 bytes or more carry the send time for latency. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = {"-I", "--interval-of-msg"}, paramLabel = "MS", defaultValue = "1000",
            description = "Milliseconds between two messages of one publisher (fractions allowed). "
                    + "Default: ${DEFAULT-VALUE}.")
    double intervalMillis;

    @Option(names = {"-L", "--limit"}, paramLabel = "N", defaultValue = "0",
            description = "Messages per publisher, then stop (0: until --duration).")
    long limit;

    @Option(names = {"-r", "--retain"}, description = "Retain the messages.")
    boolean retain;

    int qos() {
        checkQos(qos);
        return qos;
    }

    int size() {
        if (size < 0 || size > 268_435_000) {
            throw ToolException.usage("-s must be 0 to 268435000 bytes, not " + size);
        }
        return size;
    }

    long intervalNanos() {
        if (!(intervalMillis >= 0.001) || intervalMillis > 3_600_000) {
            throw ToolException.usage("-I must be 0.001 to 3600000 ms, not " + intervalMillis);
        }
        return (long) (intervalMillis * TimeUnit.MILLISECONDS.toNanos(1));
    }

    long limit() {
        if (limit < 0) {
            throw ToolException.usage("-L must be 0 or more, not " + limit);
        }
        return limit;
    }

    static void checkQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw ToolException.usage("-q must be 0, 1 or 2, not " + qos);
        }
    }
}
