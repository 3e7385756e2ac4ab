package io.berth.cli.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/** Opens a TCP connection to each address until one answers; says why each that failed did. */
final class TcpStep {

    private TcpStep() {
    }

    /** The address that accepted, or {@code null} after reporting. */
    static InetAddress run(List<InetAddress> addresses, int port, int timeoutMillis, Report report) {
        for (InetAddress address : addresses) {
            String where = address.getHostAddress() + ":" + port;
            long start = System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), timeoutMillis);
                report.ok("TCP", "connected to " + where + " in " + Timing.millis(System.nanoTime() - start));
                return address;
            } catch (ConnectException e) {
                String text = String.valueOf(e.getMessage());
                if (text.contains("reset")) {
                    report.fail("TCP", where + ": connection reset while connecting",
                            "a firewall or the broker's connection limit refuses us; check its logs");
                } else {
                    report.fail("TCP", where + ": connection refused (nothing listens on port " + port + ")",
                            "start the broker, check the port number and the listener's bind address "
                                    + "(127.0.0.1 only accepts local clients)");
                }
            } catch (SocketTimeoutException e) {
                report.fail("TCP", where + ": no answer within " + timeoutMillis + " ms",
                        "a firewall drops the packets, the host is down, or the address is wrong");
            } catch (NoRouteToHostException e) {
                report.fail("TCP", where + ": no route to host", "check the address and the network (routing, VPN)");
            } catch (IOException e) {
                report.fail("TCP", where + ": " + e.getMessage(), null);
            }
        }
        return null;
    }
}
