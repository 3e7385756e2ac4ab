package io.berth.cli.check;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The TLS context of a check's own handshake: it accepts any server chain (and records it, to judge it
 * afterwards with the real trust store) and records whether the server asked for a client certificate.
 */
final class ProbeTls {

    X509Certificate[] serverChain;
    boolean clientCertificateRequested;
    List<String> acceptedIssuers = List.of();
    final boolean hasClientCertificate;
    private final X509ExtendedKeyManager clientKeys;

    ProbeTls(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        clientKeys = certFile == null ? null : keyManager(certFile, keyFile);
        hasClientCertificate = clientKeys != null;
    }

    SSLContext context() throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {new RecordingKeyManager()}, new TrustManager[] {new RecordingTrustManager()}, null);
        return ctx;
    }

    /** The certificates of a PEM file (a CA bundle). */
    static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            return out;
        }
    }

    private static X509ExtendedKeyManager keyManager(Path certFile, Path keyFile)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = readCertificates(certFile);
        String pem = Files.readString(keyFile);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException(keyFile + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
        PrivateKey key = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        if (key == null) {
            throw new GeneralSecurityException("cannot read the key in " + keyFile);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, new char[0], chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    }

    private final class RecordingTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            serverChain = chain.clone();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private final class RecordingKeyManager extends X509ExtendedKeyManager {
        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            clientCertificateRequested = true;
            List<String> names = new ArrayList<>();
            if (issuers != null) {
                for (Principal p : issuers) {
                    names.add(p.getName());
                }
            }
            acceptedIssuers = names;
            return clientKeys == null ? null : clientKeys.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return clientKeys == null ? null : clientKeys.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return clientKeys == null ? null : clientKeys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return clientKeys == null ? null : clientKeys.getPrivateKey(alias);
        }
    }
}
