package io.berth.server.config;

import io.berth.server.protection.AccessRules;

import java.util.Objects;

/**
 * A listener's accept-time gate and per-client rates ({@link ProtectionKeys.PerListener}).
 *
 * @param accessRules      peer addresses allowed or denied at accept time
 * @param maxConnRate      new connections per second on the listener, or null for no limit
 * @param maxConnPerIp     most connections open at once from one address ({@link Integer#MAX_VALUE}: no limit)
 * @param maxConnRatePerIp new connections per second from one address, or null
 * @param messagesRate     PUBLISH packets per second per client, or null
 * @param bytesRate        bytes per second per client, or null
 */
public record ListenerProtection(AccessRules accessRules, Rate maxConnRate, int maxConnPerIp, Rate maxConnRatePerIp,
                                 Rate messagesRate, Rate bytesRate) {

    /** The defaults: everyone allowed, 1000 new connections per second, no per-address or per-client limits. */
    public static final ListenerProtection DEFAULTS = new ListenerProtection(AccessRules.allowAll(),
            Rate.perSecond(1000), Integer.MAX_VALUE, null, null, null);

    public ListenerProtection {
        Objects.requireNonNull(accessRules, "accessRules");
        if (maxConnPerIp < 1) {
            throw new IllegalArgumentException("maxConnPerIp must be >= 1");
        }
    }

    /** No limits at all. */
    public static ListenerProtection unlimited() {
        return new ListenerProtection(AccessRules.allowAll(), null, Integer.MAX_VALUE, null, null, null);
    }

    public ListenerProtection withAccessRules(AccessRules rules) {
        return new ListenerProtection(rules, maxConnRate, maxConnPerIp, maxConnRatePerIp, messagesRate, bytesRate);
    }

    public ListenerProtection withMaxConnRate(Rate rate) {
        return new ListenerProtection(accessRules, rate, maxConnPerIp, maxConnRatePerIp, messagesRate, bytesRate);
    }

    public ListenerProtection withMaxConnPerIp(int max) {
        return new ListenerProtection(accessRules, maxConnRate, max, maxConnRatePerIp, messagesRate, bytesRate);
    }

    public ListenerProtection withMaxConnRatePerIp(Rate rate) {
        return new ListenerProtection(accessRules, maxConnRate, maxConnPerIp, rate, messagesRate, bytesRate);
    }

    public ListenerProtection withMessagesRate(Rate rate) {
        return new ListenerProtection(accessRules, maxConnRate, maxConnPerIp, maxConnRatePerIp, rate, bytesRate);
    }

    public ListenerProtection withBytesRate(Rate rate) {
        return new ListenerProtection(accessRules, maxConnRate, maxConnPerIp, maxConnRatePerIp, messagesRate, rate);
    }
}
