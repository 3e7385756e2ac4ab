package io.berth.cli.check;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The WebSocket step: sends the HTTP/1.1 upgrade for the path with subprotocol {@code mqtt} and reads the answer:
 * 101 with a correct {@code Sec-WebSocket-Accept} and the {@code mqtt} subprotocol (MQTT-6.0.0-3), or what the
 * status means. Over TLS the certificate was judged by the TLS step; here any is accepted.
 */
final class WebSocketStep {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketStep() {
    }

    static boolean run(String host, InetAddress address, int port, String path, boolean tls, int timeoutMillis,
                       Report report) {
        try (Socket socket = open(host, address, port, tls, timeoutMillis)) {
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String head = readHead(socket.getInputStream());
            return judge(head, key, path, report);
        } catch (SocketTimeoutException e) {
            report.fail("WebSocket", "no answer to the upgrade request within " + timeoutMillis + " ms",
                    "is it an HTTP/WebSocket port? MQTT over TCP would wait for CONNECT: use mqtt://");
        } catch (java.net.SocketException e) {
            report.fail("WebSocket", "the server closed the connection on the upgrade request ("
                    + TlsStep.firstLine(e) + ")", "is it an MQTT-over-TCP port? use mqtt:// (or mqtts://)");
        } catch (IOException | GeneralSecurityException e) {
            report.fail("WebSocket", "the upgrade failed: " + TlsStep.firstLine(e), null);
        }
        return false;
    }

    private static boolean judge(String head, String key, String path, Report report) throws GeneralSecurityException {
        if (head.isEmpty()) {
            report.fail("WebSocket", "the server closed the connection without answering the upgrade",
                    "is it an MQTT-over-TCP port? use mqtt:// (or mqtts://)");
            return false;
        }
        String status = head.lines().findFirst().orElse("");
        if (!status.startsWith("HTTP/")) {
            report.fail("WebSocket", "the server does not speak HTTP on this port (it answered "
                    + printable(head) + ")", "use the WebSocket listener's port, or mqtt:// for this one");
            return false;
        }
        String[] parts = status.split(" ", 3);
        int code = parts.length > 1 ? parseInt(parts[1]) : 0;
        if (code != 101) {
            String why = switch (code) {
                case 404 -> "no WebSocket endpoint at path " + path;
                case 400, 426 -> "the server refused the upgrade request";
                case 401, 403 -> "the server wants HTTP authentication or forbids this path";
                default -> "the server did not upgrade";
            };
            report.fail("WebSocket", why + " (" + status.strip() + ")", code == 404
                    ? "use the listener's path (often /mqtt): ws://host:port/mqtt" : "check the listener's path and "
                    + "that it is an MQTT WebSocket listener");
            return false;
        }
        String accept = header(head, "sec-websocket-accept");
        String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        if (!expected.equals(accept)) {
            report.fail("WebSocket", "upgrade answered with a wrong Sec-WebSocket-Accept", "a proxy may be "
                    + "rewriting the handshake");
            return false;
        }
        report.ok("WebSocket", "upgraded at " + path + " (" + status.strip() + ")");
        String protocol = header(head, "sec-websocket-protocol");
        if (protocol == null) {
            report.warn("WebSocket", "the server chose no subprotocol; MQTT-6.0.0-3 asks for 'mqtt' (strict "
                    + "clients such as browsers' MQTT.js will refuse)", null);
        } else if (!protocol.equalsIgnoreCase("mqtt")) {
            report.fail("WebSocket", "the server chose subprotocol '" + protocol + "', not 'mqtt'",
                    "configure the listener's subprotocol as mqtt");
            return false;
        } else {
            report.ok("WebSocket", "subprotocol mqtt");
        }
        return true;
    }

    private static Socket open(String host, InetAddress address, int port, boolean tls, int timeoutMillis)
            throws IOException, GeneralSecurityException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(address, port), timeoutMillis);
        plain.setSoTimeout(timeoutMillis);
        if (!tls) {
            return plain;
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new AnyServer()}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
        s.startHandshake();
        return s;
    }

    /** Reads up to the blank line ending the HTTP head (at most 16 KiB), or to the close. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while (b.size() < 16_384 && (c = in.read()) >= 0) {
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                break;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.substring(0, Math.min(s.length(), 16)).toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return "'" + b + "'";
    }

    /** The TLS step judged the certificate already. */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
