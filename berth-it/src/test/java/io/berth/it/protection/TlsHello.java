package io.berth.it.protection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Sends a real TLS ClientHello on a plain socket and reports the first bytes the server answers, if any. */
final class TlsHello {

    private TlsHello() {
    }

    /** A ClientHello as the JDK's TLS client writes it. */
    static byte[] clientHello() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        SSLEngine engine = ctx.createSSLEngine("localhost", 8883);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), out);
        if (r.bytesProduced() == 0) {
            throw new IllegalStateException("no ClientHello produced");
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /**
     * Connects, sends a ClientHello and reads the answer.
     *
     * @return the first byte of the answer (0x16 is a TLS handshake record: the ServerHello), or -1 when the server
     *         closed the connection without sending anything
     */
    static int firstAnswerByte(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            try {
                s.getOutputStream().write(clientHello());
                s.getOutputStream().flush();
            } catch (IOException closedBeforeWrite) {
                return -1;
            }
            InputStream in = s.getInputStream();
            try {
                return in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server neither answered nor closed within 10 s");
            } catch (IOException reset) {
                return -1; // connection reset: closed without an answer
            }
        }
    }
}
