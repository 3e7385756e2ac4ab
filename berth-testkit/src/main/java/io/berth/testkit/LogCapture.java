package io.berth.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects the formatted messages of one logger (and its children) while open, so a test can check that an event
 * was logged, e.g. {@code tls.handshake_failed ... revoked}. Thread-safe.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        setContext(logger.getLoggerContext());
        setName("capture-" + loggerName);
        start();
        logger.addAppender(this);
    }

    /** Starts capturing the logger {@code name} ({@code "event.tls"}). */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    @Override
    protected void append(ILoggingEvent event) {
        messages.add(event.getLevel() + " " + event.getFormattedMessage());
    }

    /** The messages so far, each prefixed with its level ("WARN tls.handshake_failed ..."). */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Whether a message so far contains every one of {@code parts}. */
    public boolean contains(String... parts) {
        return messages.stream().anyMatch(m -> java.util.Arrays.stream(parts).allMatch(m::contains));
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
