package io.berth.core.subscription;

/** Short ways to build subscriptions in tests. */
final class Subscriptions {

    private Subscriptions() {
    }

    static Subscription sub(String clientId, String filter) {
        return sub(clientId, filter, 1);
    }

    static Subscription sub(String clientId, String filter, int qos) {
        return new Subscription(clientId, filter, qos, false, false, 0, 0, null);
    }

    static Subscription shared(String clientId, String group, String filter) {
        return new Subscription(clientId, filter, 1, false, false, 0, 0, group);
    }
}
