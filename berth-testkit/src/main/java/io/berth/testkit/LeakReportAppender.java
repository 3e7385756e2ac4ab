package io.berth.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the leak reports Netty's {@code ResourceLeakDetector} logs ("LEAK: ..." at ERROR). Listening to the
 * detector's logger catches every detector (ByteBuf, timers...) whenever it was created, unlike a custom
 * {@code ResourceLeakDetectorFactory}, which only sees detectors created after it was installed. One instance per
 * JVM; thread-safe, as leaks are reported on whichever thread allocates next.
 */
final class LeakReportAppender extends AppenderBase<ILoggingEvent> {

    static final String DETECTOR_LOGGER = "io.netty.util.ResourceLeakDetector";
    private static final String NAME = "berth-leak-check";
    private static final LeakReportAppender INSTANCE = new LeakReportAppender();

    private final List<String> reports = new ArrayList<>();

    private LeakReportAppender() {
        setName(NAME);
    }

    /**
     * Attaches the appender to the detector's logger, again if a Logback reconfiguration removed it. Idempotent.
     *
     * @throws IllegalStateException when SLF4J is not bound to Logback: leaks could not be seen
     */
    static synchronized LeakReportAppender install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("NettyLeakCheck needs Logback as the SLF4J binding, found "
                    + factory.getClass().getName());
        }
        Logger logger = context.getLogger(DETECTOR_LOGGER);
        if (!logger.isErrorEnabled()) {
            logger.setLevel(Level.ERROR); // the detector only tracks leaks while its logger can report them
        }
        if (INSTANCE.getContext() == null) {
            INSTANCE.setContext(context);
        }
        if (!INSTANCE.isStarted()) {
            INSTANCE.start();
        }
        if (logger.getAppender(NAME) != INSTANCE) {
            logger.addAppender(INSTANCE);
        }
        return INSTANCE;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (event.getLevel().isGreaterOrEqual(Level.ERROR) && message != null && message.startsWith("LEAK:")) {
            synchronized (reports) {
                reports.add(message);
            }
        }
    }

    /** The number of reports so far: a mark to pass to {@link #since}. */
    long count() {
        synchronized (reports) {
            return reports.size();
        }
    }

    /** The reports logged after {@code mark}. */
    List<String> since(long mark) {
        synchronized (reports) {
            return List.copyOf(reports.subList((int) Math.min(mark, reports.size()), reports.size()));
        }
    }
}
