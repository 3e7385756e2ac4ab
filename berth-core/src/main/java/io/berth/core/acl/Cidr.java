package io.berth.core.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range such as {@code 192.168.0.0/16}, {@code 127.0.0.1} or {@code fd00::/8}. */
public record Cidr(byte[] network, int prefixBits, String text) {

    /**
     * Parses a literal address with an optional {@code /bits}; never resolves host names.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(host).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("bad prefix length in \"" + text + "\"");
            }
        }
        return new Cidr(bytes, bits, text);
    }

    /** Whether {@code address} is in the range; an IPv4-mapped IPv6 address counts as its IPv4 address. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = new byte[] {a[12], a[13], a[14], a[15]};
        }
        if (a.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
