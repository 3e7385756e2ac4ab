package io.berth.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import io.berth.server.config.LogConfig;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code log} config block: sets the properties {@code logback.xml} reads ({@code berth.log.dir},
 * {@code berth.log.level}) and (re)configures Logback. Called once, before the broker starts.
 */
final class LogSetup {

    static final String DIR_PROPERTY = "berth.log.dir";
    static final String LEVEL_PROPERTY = "berth.log.level";

    private LogSetup() {
    }

    static void apply(LogConfig log) {
        System.setProperty(DIR_PROPERTY, log.dir().toString());
        System.setProperty(LEVEL_PROPERTY, log.logbackLevel());
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.reset();
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                throw new IllegalStateException("cannot configure logging: " + e.getMessage(), e);
            }
        }
    }
}
