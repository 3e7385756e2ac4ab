package io.berth.cli;

/**
 * What {@code berth start} waits on while the broker runs. When {@link #await()} returns, the command closes the
 * broker and exits; a shutdown hook closes it on SIGTERM or SIGINT in any case.
 */
@FunctionalInterface
interface StopSignal {

    /** Never returns: only the JVM's shutdown (SIGTERM, SIGINT) stops the broker. */
    StopSignal SHUTDOWN_HOOK_ONLY = () -> {
        Object forever = new Object();
        synchronized (forever) {
            while (true) {
                forever.wait();
            }
        }
    };

    /** Blocks until the broker should stop. */
    void await() throws InterruptedException;
}
