package io.berth.server.config;

import java.util.List;

/** The keys of the {@code dashboard.listeners.http} block: the local management HTTP endpoint. */
public final class ManagementKeys {

    public static final ConfigKey<Boolean> HTTP_ENABLED = new ConfigKey<>("dashboard.listeners.http.enabled",
            ValueTypes.bool(), "true", "false",
            "Whether the management HTTP endpoint runs (`GET /api/v5/listeners`, `berth ctl`). It has no "
                    + "authentication yet: keep it on loopback.");

    public static final ConfigKey<BindAddress> HTTP_BIND = new ConfigKey<>("dashboard.listeners.http.bind",
            ValueTypes.bind(), "\"127.0.0.1:18083\"", "\"127.0.0.1:18084\"",
            "Address and port of the management HTTP endpoint, which `berth ctl` also reads to find it. Anyone who "
                    + "can reach it can stop listeners: a non-loopback address logs a warning at start.");

    public static final List<ConfigKey<?>> ALL = List.of(HTTP_ENABLED, HTTP_BIND);

    private ManagementKeys() {
    }
}
