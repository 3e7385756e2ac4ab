package io.berth.cli.tools;

import org.slf4j.LoggerFactory;

/**
 * Keeps {@code berth pub}/{@code sub} from writing the broker's log file: when logging has not started yet
 * (the tool runs alone), it starts with {@code berth-tools-logback.xml}, warnings to stderr only. When it has
 * (the tool runs inside another program or a test), it is left as it is.
 */
public final class ToolLogging {

    private static final String CONFIG_PROPERTY = "logback.configurationFile";

    private ToolLogging() {
    }

    public static void init() {
        String previous = System.getProperty(CONFIG_PROPERTY);
        if (previous != null) {
            LoggerFactory.getILoggerFactory();
            return;
        }
        System.setProperty(CONFIG_PROPERTY, "berth-tools-logback.xml");
        try {
            LoggerFactory.getILoggerFactory(); // starts logging now if nothing has yet
        } finally {
            System.clearProperty(CONFIG_PROPERTY);
        }
    }
}
