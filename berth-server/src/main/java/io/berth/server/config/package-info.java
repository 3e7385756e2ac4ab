/**
 * Configuration: the HOCON file, {@code BERTH_*} environment overrides and the embedded {@code reference.conf},
 * loaded once by {@link io.berth.server.config.ConfigLoader} into the immutable
 * {@link io.berth.server.config.BrokerConfig}. Every key is defined once in {@link io.berth.server.config.ConfigKeys};
 * {@code docs/configuration.md} is generated from there. Nothing here is static mutable state, and nothing exits
 * the JVM: every problem becomes a {@link io.berth.server.config.ConfigException}.
 */
package io.berth.server.config;
