package io.berth.cli.tools;

import io.berth.client.ClientTls;
import io.berth.client.Transport;
import io.netty.handler.ssl.SslContext;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** mosquitto's TLS options, shared by pub, sub, bench and check. */
public final class TlsOptions {

    @Option(names = "--cafile", paramLabel = "FILE",
            description = "PEM CA certificate(s) to trust for the server (default: the system trust store). "
                    + "Without -L, turns TLS on.")
    public Path caFile;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM client certificate (with --key).")
    public Path certFile;

    @Option(names = "--key", paramLabel = "FILE", description = "PKCS#8 PEM private key of --cert.")
    public Path keyFile;

    @Option(names = "--insecure",
            description = "Do not check the server's certificate nor its host name (testing only).")
    public boolean insecure;

    /** Whether any TLS option was given (without -L, that means mqtts). */
    public boolean given() {
        return caFile != null || certFile != null || keyFile != null || insecure;
    }

    /** The client TLS context for {@code transport}; a missing or unreadable file is a one-line error. */
    public SslContext context(Transport transport) {
        try {
            return transport == Transport.QUIC ? ClientTls.quicContext(caFile, certFile, keyFile, insecure)
                    : ClientTls.context(caFile, certFile, keyFile, insecure);
        } catch (IllegalArgumentException e) {
            throw new ToolException(ToolException.USAGE, e.getMessage());
        }
    }
}
