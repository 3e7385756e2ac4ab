package io.berth.server.tls;

import io.berth.server.config.PeerCertAsUsername;
import io.berth.server.pipeline.PeerCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsMaterialTest {

    @TempDir
    Path dir;

    static final CertificateAuthority CA = CertificateAuthority.create("Unit CA", Duration.ofDays(1));

    private Path[] write(CertificateAuthority.Issued issued, String name) throws Exception {
        Path cert = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        Pem.write(cert, Pem.encode(List.of(issued.certificate(), CA.certificate())));
        Pem.write(key, Pem.encodeKey(issued.privateKey()), true);
        return new Path[]{cert, key};
    }

    private static CertificateAuthority.Issued server(int rsaBits) {
        Instant now = Instant.now();
        return CA.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1"), now.minusSeconds(60),
                now.plusSeconds(3600), rsaBits);
    }

    @Test
    void load_ecdsaChain_keepsLeafFirst() throws Exception {
        Path[] f = write(server(0), "s");
        TlsMaterial m = TlsMaterial.load(f[0], f[1], null, null, null);
        assertThat(m.chain()).hasSize(2);
        assertThat(m.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }

    @Test
    void load_rsa1024_isRefusedAsTooWeak() throws Exception {
        Path[] f = write(server(1024), "weak");
        assertThatThrownBy(() -> TlsMaterial.load(f[0], f[1], null, null, null))
                .isInstanceOf(TlsException.class).hasMessageContaining("RSA key of 1024 bits is too weak");
    }

    @Test
    void load_keyOfAnotherCertificate_isRefused() throws Exception {
        Path[] a = write(server(0), "a");
        Path[] b = write(server(0), "b");
        assertThatThrownBy(() -> TlsMaterial.load(a[0], b[1], null, null, null))
                .isInstanceOf(TlsException.class).hasMessageContaining("does not match the certificate");
    }

    @Test
    void load_encryptedKey_needsItsPassword() throws Exception {
        CertificateAuthority.Issued s = server(0);
        Path[] f = write(s, "enc");
        // as an operator would: openssl pkcs8 -topk8 -v2 aes-256-cbc
        Path encrypted = dir.resolve("enc-encrypted.key");
        Process p = new ProcessBuilder("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", f[1].toString(),
                "-out", encrypted.toString(), "-passout", "pass:secret").redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        Files.move(encrypted, f[1], java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.readString(f[1])).contains("BEGIN ENCRYPTED PRIVATE KEY");

        assertThat(TlsMaterial.load(f[0], f[1], "secret", null, null).key()).isNotNull();
        assertThatThrownBy(() -> TlsMaterial.load(f[0], f[1], null, null, null))
                .hasMessageContaining("the key is encrypted: set ssl_options.password");
        assertThatThrownBy(() -> TlsMaterial.load(f[0], f[1], "wrong", null, null))
                .hasMessageContaining("wrong password?");
    }

    @Test
    void load_garbage_namesTheFile() throws Exception {
        Path[] f = write(server(0), "g");
        Files.writeString(f[0], "hello");
        assertThatThrownBy(() -> TlsMaterial.load(f[0], f[1], null, null, null))
                .isInstanceOf(TlsException.class).hasMessageStartingWith(f[0].toString());
    }

    @Test
    void peerCertAsUsername_takesCnDnOrFirstSan() {
        Instant now = Instant.now();
        var client = CA.issueClient("device-7", "device-7.example.com", now, now.plusSeconds(60)).certificate();
        assertThat(PeerCertificates.name(client, PeerCertAsUsername.CN)).isEqualTo("device-7");
        assertThat(PeerCertificates.name(client, PeerCertAsUsername.DN)).isEqualTo("CN=device-7");
        assertThat(PeerCertificates.name(client, PeerCertAsUsername.SAN)).isEqualTo("device-7.example.com");
        var noSan = CA.issueClient("plain", null, now, now.plusSeconds(60)).certificate();
        assertThat(PeerCertificates.name(noSan, PeerCertAsUsername.SAN)).isNull();
    }
}
