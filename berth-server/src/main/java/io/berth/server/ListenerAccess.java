package io.berth.server;

import io.berth.core.auth.AnonymousAccess;
import io.berth.server.config.AuthenticationConfig;
import io.berth.server.listener.ListenerEvents;

/**
 * The listeners' events as the broker wires them: state changes go to the alarms, and each {@code listener.started}
 * line says who may use the listener ({@code anonymous=loopback-only|any-address|refused}, {@code two_factor=on}),
 * so that the secure defaults explain themselves at start.
 */
final class ListenerAccess implements ListenerEvents {

    private final AuthenticationConfig authentication;
    private final ListenerEvents alarms;

    ListenerAccess(AuthenticationConfig authentication, ListenerEvents alarms) {
        this.authentication = authentication;
        this.alarms = alarms;
    }

    @Override
    public String accessSummary(String id) {
        AnonymousAccess anonymous = authentication.anonymousAccess(id);
        String text = "anonymous=" + switch (anonymous) {
            case ALLOW -> "any-address";
            case LOOPBACK -> "loopback-only";
            case DENY -> "refused";
        };
        return authentication.twoFactor().contains(id) ? text + " two_factor=on" : text;
    }

    @Override
    public void running(String id) {
        alarms.running(id);
    }

    @Override
    public void deleted(String id) {
        alarms.deleted(id);
    }

    @Override
    public void stopped(String id) {
        alarms.stopped(id);
    }

    @Override
    public void failed(String id, String reason) {
        alarms.failed(id, reason);
    }
}
