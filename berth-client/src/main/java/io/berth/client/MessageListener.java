package io.berth.client;

/**
 * Receives the messages the server delivers. Called on the connection's event loop, in arrival order: it must
 * not block (hand blocking work to another thread).
 */
@FunctionalInterface
public interface MessageListener {

    void onMessage(ReceivedMessage message);
}
