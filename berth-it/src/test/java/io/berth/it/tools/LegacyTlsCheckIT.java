package io.berth.it.tools;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code berth check} flags a TLS server that still accepts TLS 1.1 or 1.0, asking with a ClientHello of its own (the
 * JDK will not offer those versions): here an {@code openssl s_server} that allows TLS 1.1 and newer.
 */
class LegacyTlsCheckIT {

    @Test
    void serverAcceptingTls11_isFlaggedWithTheFix() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "legacy-tls-it", UUID.randomUUID().toString()));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        try (ChildProcess req = ChildProcess.start(dir, "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")) {
            assertThat(req.awaitExit()).as(req.output()).isZero();
        }
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (ChildProcess server = ChildProcess.start(dir, "/usr/bin/openssl", "s_server", "-accept",
                "127.0.0.1:" + port, "-cert", cert.toString(), "-key", key.toString(), "-min_protocol", "TLSv1.1",
                "-cipher", "DEFAULT:@SECLEVEL=0")) {
            server.awaitOutput("ACCEPT");

            ToolRun run = ToolRun.check();
            run.run("mqtts://127.0.0.1:" + port, "--cafile", cert.toString(), "--timeout", "5");

            assertThat(run.out()).contains("ok    TLS       handshake done: TLSv1.3",
                    "warn  TLS       the server still accepts TLSv1.1: turn TLS 1.0 and 1.1 off",
                    "allow only TLS 1.2 and 1.3");
            assertThat(run.out() + run.err()).doesNotContain("Exception");
        }
    }
}
