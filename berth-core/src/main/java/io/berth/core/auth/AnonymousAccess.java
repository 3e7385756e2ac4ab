package io.berth.core.auth;

import java.net.InetAddress;

/** Whether a listener accepts clients that send no User Name ({@code listeners.tcp.<name>.allow_anonymous}). */
public enum AnonymousAccess {
    /** Anonymous clients are accepted from anywhere. */
    ALLOW,
    /** Anonymous clients are accepted only from a loopback address (127.0.0.0/8, ::1): the default. */
    LOOPBACK,
    /** Every client must authenticate. */
    DENY;

    /** Whether an anonymous client from {@code address} (null if unknown) is accepted. */
    public boolean permits(InetAddress address) {
        return switch (this) {
            case ALLOW -> true;
            case DENY -> false;
            case LOOPBACK -> isLoopback(address);
        };
    }

    /** A loopback address, including an IPv4 loopback address mapped into IPv6 (::ffff:127.0.0.1). */
    static boolean isLoopback(InetAddress address) {
        if (address == null) {
            return false;
        }
        if (address.isLoopbackAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF && b[12] == 127;
        }
        return false;
    }
}
