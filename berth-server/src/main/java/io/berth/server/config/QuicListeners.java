package io.berth.server.config;

import java.util.HashSet;
import java.util.List;

/** Checks on the list of QUIC listeners held by {@link BrokerConfig}. */
final class QuicListeners {

    private QuicListeners() {
    }

    /** The list sorted by name, null read as empty; two listeners of one name are refused. */
    static List<QuicListenerConfig> sorted(List<QuicListenerConfig> listeners) {
        if (listeners == null) {
            return List.of();
        }
        var names = new HashSet<String>();
        for (QuicListenerConfig listener : listeners) {
            if (!names.add(listener.name())) {
                throw new IllegalArgumentException("two QUIC listeners named " + listener.name());
            }
        }
        return listeners.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }
}
