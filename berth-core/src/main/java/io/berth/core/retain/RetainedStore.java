package io.berth.core.retain;

import io.berth.core.Message;

import java.util.List;

/**
 * The retained message of each topic (MQTT 5 section 3.3.1.3). Implementations are thread-safe: every
 * method may be called from any thread, concurrently.
 *
 * <p>Ownership: the store never takes over a reference to a caller's payload; it copies the bytes it keeps.
 * Every {@link Message} it returns carries a fresh payload buffer that the caller owns and must release.
 */
public interface RetainedStore {

    /**
     * Stores {@code message} as the retained message of its topic, replacing the previous one
     * (MQTT-3.3.1-5); a message with an empty payload removes the retained message instead and is not
     * stored (MQTT-3.3.1-6, MQTT-3.3.1-7; MQTT-3.3.1-10 and -11 in 3.1.1). Does not change the reference
     * count or the indexes of the message's payload.
     */
    void put(Message message);

    /**
     * The retained messages whose topic matches {@code topicFilter}, a valid filter without a
     * {@code $share/} prefix; filters starting with a wildcard skip topics starting with {@code $}
     * (MQTT-4.7.2-1). Messages expired at {@code nowMillis} are left out and removed.
     *
     * @return a new list the caller owns, with a payload reference per message, in no particular order
     */
    List<Message> match(String topicFilter, long nowMillis);

    /** The retained message of {@code topic}, expired or not, with a payload the caller owns; or null. */
    Message get(String topic);

    /** Removes the retained message of {@code topic}; returns whether there was one. */
    boolean remove(String topic);

    /** Number of retained messages, expired ones that nobody has looked at included. */
    int size();

    /** Removes every retained message. */
    void clear();
}
