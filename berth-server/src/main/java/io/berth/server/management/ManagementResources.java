package io.berth.server.management;

import io.berth.server.listener.ListenerManager;
import io.berth.server.protection.ProtectionServices;

import java.time.Clock;

/**
 * Registers the REST resources over the broker's state: clients, subscriptions and topics, retained messages,
 * stats and node status, MQTT users of the built-in database, the ACL file, the connection log's recent events. Part of the endpoint's wiring.
 */
final class ManagementResources {

    private ManagementResources() {
    }

    static void register(Router router, BrokerView broker, ListenerManager listeners, ProtectionServices protection) {
        Clock clock = broker.context().clock();
        ClientDirectory clients = new ClientDirectory(broker.channels(), broker.context().sessions());
        new ClientsApi(clients).register(router);
        new SubscriptionsApi(clients, broker.config().node().name()).register(router);
        new RetainedApi(broker.context().retained(), clock).register(router);
        new NodeApi(broker, listeners, clients, clock).register(router);
        new UsersApi(broker.security().users(), broker.config().authentication()).register(router);
        new AclApi(broker.security().authorization(), broker.config().authorization()).register(router);
        new EventsApi(protection.connectionLog().recent()).register(router);
    }
}
