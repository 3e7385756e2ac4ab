package io.berth.cli.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a configured bind host is reachable only from this machine. */
final class BindAddresses {

    private BindAddresses() {
    }

    /**
     * True when every address {@code host} stands for is a loopback address. A wildcard ({@code 0.0.0.0},
     * {@code ::}), any other address, and a name that does not resolve count as reachable from other machines.
     */
    static boolean loopbackOnly(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
