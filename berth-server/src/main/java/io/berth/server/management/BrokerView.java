package io.berth.server.management;

import io.berth.core.BrokerContext;
import io.berth.server.Security;
import io.berth.server.config.BrokerConfig;
import io.netty.channel.group.ChannelGroup;

import java.time.Instant;

/**
 * What the management resources read and act on, handed over by the composition root.
 *
 * @param context   the core services: sessions, routes, retained messages, metrics
 * @param channels  every open MQTT connection (its state is read on its own event loop only)
 * @param security  the MQTT client user store and the ACL rules
 * @param config    the broker's configuration
 * @param startedAt when the broker started, for uptime
 */
public record BrokerView(BrokerContext context, ChannelGroup channels, Security security, BrokerConfig config,
                         Instant startedAt) {
}
