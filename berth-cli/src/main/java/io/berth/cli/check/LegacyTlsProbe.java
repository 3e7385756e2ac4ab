package io.berth.cli.check;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Asks a server whether it still speaks TLS 1.1 or 1.0 (deprecated, RFC 8996) with a ClientHello of our own: the
 * JDK refuses to offer those versions, so its engine cannot ask. Reads only the server's first record: a ServerHello
 * naming the offered version means accepted; an alert, a close or a reset means refused. No handshake is completed.
 */
final class LegacyTlsProbe {

    /** The TLS version numbers on the wire. */
    static final int TLS_1_0 = 0x0301;
    static final int TLS_1_1 = 0x0302;

    /** What the server did with the hello. */
    enum Answer { ACCEPTED, REFUSED }

    /** Suites a TLS 1.0/1.1 server would pick from: ECDHE and RSA key exchange with AES or 3DES in CBC mode. */
    private static final int[] SUITES = {0xc014, 0xc013, 0xc00a, 0xc009, 0x0039, 0x0033, 0x0035, 0x002f, 0x000a};

    private final InetAddress address;
    private final String host;
    private final int port;
    private final int timeoutMillis;

    LegacyTlsProbe(InetAddress address, String host, int port, int timeoutMillis) {
        this.address = address;
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** Offers {@code version} (and nothing newer) and reads the answer. */
    Answer offer(int version) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(clientHello(version, sniName(host)));
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int type = in.readUnsignedByte();
            in.readUnsignedShort(); // record version
            int length = in.readUnsignedShort();
            if (type != 22 || length < 6) {
                return Answer.REFUSED; // an alert (21) or anything else
            }
            int handshakeType = in.readUnsignedByte();
            in.skipBytes(3); // handshake length
            int serverVersion = in.readUnsignedShort();
            return handshakeType == 2 && serverVersion == version ? Answer.ACCEPTED : Answer.REFUSED;
        } catch (EOFException | java.net.SocketException e) {
            return Answer.REFUSED; // closed or reset instead of answering
        }
    }

    /** The host name to send as SNI, or null for an IP address (SNI carries names only). */
    static String sniName(String host) {
        return host == null || host.isEmpty() || host.contains(":") || host.matches("[0-9.]+") ? null : host;
    }

    /** A TLS record holding a ClientHello for {@code version}, with SNI when {@code serverName} is given. */
    static byte[] clientHello(int version, String serverName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        short16(body, version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        short16(body, SUITES.length * 2);
        for (int suite : SUITES) {
            short16(body, suite);
        }
        body.write(1); // one compression method:
        body.write(0); // null
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        if (serverName != null) {
            byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
            short16(extensions, 0x0000); // server_name
            short16(extensions, name.length + 5);
            short16(extensions, name.length + 3); // server name list
            extensions.write(0); // host_name
            short16(extensions, name.length);
            extensions.writeBytes(name);
        }
        short16(extensions, 0xff01); // renegotiation_info, empty: some servers want it
        short16(extensions, 1);
        extensions.write(0);
        short16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22); // handshake
        short16(record, TLS_1_0); // record layer version, as clients send it
        short16(record, body.size() + 4);
        record.write(1); // client_hello
        record.write(0);
        short16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xff);
        out.write(v & 0xff);
    }
}
