package io.berth.cli.check;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * When a plain-TCP endpoint gave no CONNACK: what does answer on that port? Sends a bare MQTT 3.1.1 CONNECT and
 * looks at the first bytes; then asks in HTTP; then tries a TLS handshake.
 */
final class PortSniff {

    /** CONNECT, MQTT 3.1.1, clean session, keepalive 60, empty client id. */
    private static final byte[] CONNECT = {0x10, 0x0C, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C, 0x00,
        0x00};

    private PortSniff() {
    }

    static void run(String host, InetAddress address, int port, int timeoutMillis, Report report) {
        byte[] answer = exchange(address, port, timeoutMillis, CONNECT);
        if (answer != null && answer.length >= 2 && answer[0] == 0x15 && answer[1] == 0x03) {
            tls(report);
            return;
        }
        if (startsWithHttp(answer) || startsWithHttp(exchange(address, port, timeoutMillis,
                ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)))) {
            report.fail("MQTT", "an HTTP server answers on port " + port + ", not an MQTT broker",
                    "use the broker's MQTT port (usually 1883), or ws://" + host + ":" + port + "/mqtt if this is "
                            + "an MQTT-over-WebSocket listener");
            return;
        }
        if (speaksTls(host, address, port, timeoutMillis)) {
            tls(report);
            return;
        }
        report.fail("MQTT", "the server on port " + port + " does not answer CONNECT like an MQTT broker"
                        + (answer == null || answer.length == 0 ? " (it closed or stayed silent)"
                        : " (it sent " + WebSocketStep.printable(new String(answer, StandardCharsets.ISO_8859_1)) + ")"),
                "check that the port belongs to the MQTT broker, and the broker's logs");
    }

    private static void tls(Report report) {
        report.fail("MQTT", "the server speaks TLS on this port", "use mqtts:// (and --cafile if its CA is private)");
    }

    private static boolean startsWithHttp(byte[] b) {
        return b != null && new String(b, StandardCharsets.ISO_8859_1).startsWith("HTTP/");
    }

    /** Sends {@code request}, returns the first bytes received (empty on a close, null on a silence or error). */
    private static byte[] exchange(InetAddress address, int port, int timeoutMillis, byte[] request) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            if (n <= 0) {
                return new byte[0];
            }
            byte[] out = new byte[n];
            System.arraycopy(buf, 0, out, 0, n);
            return out;
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static boolean speaksTls(String host, InetAddress address, int port, int timeoutMillis) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            SSLContext ctx = new ProbeTls(null, null).context();
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, false)) {
                s.startHandshake();
                return true;
            }
        } catch (Exception e) {
            String all = TlsStep.messages(e);
            // a TLS server that refuses us still answers in TLS (an alert)
            return all.contains("Received fatal alert");
        }
    }
}
