package io.berth.server.tls;

import io.berth.server.config.SslOptions;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** Builds a server {@link SslContext} from validated material: OpenSSL (BoringSSL) when available, else the JDK. */
public final class SslContexts {

    private SslContexts() {
    }

    /** OpenSSL through netty-tcnative when its native library loads on this machine, else the JDK's engine. */
    public static SslProvider provider() {
        return io.netty.handler.ssl.OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * @throws TlsException if the engine refuses the material or none of the configured ciphers is known
     */
    public static SslContext server(TlsMaterial material, SslOptions options, SslProvider provider) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(material.key(),
                            material.chain().toArray(X509Certificate[]::new))
                    .sslProvider(provider)
                    .protocols(protocols(options.versions()))
                    .ciphers(options.ciphers(), SupportedCipherSuiteFilter.INSTANCE);
            if (options.verifyPeer()) {
                b.clientAuth(options.failIfNoPeerCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL)
                        .trustManager(trustManagers(material));
            }
            SslContext ctx = b.build();
            if (ctx.cipherSuites().isEmpty()) {
                throw new TlsException("none of the configured ciphers is supported by the " + provider
                        + " engine: " + options.ciphers());
            }
            return ctx;
        } catch (SSLException | GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsException("the TLS engine refused the configuration: " + e.getMessage(), e);
        }
    }

    /** {@code tlsv1.3} → {@code TLSv1.3}. */
    public static String[] protocols(List<String> versions) {
        return versions.stream().map(v -> "TLSv" + v.substring(4).toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    /**
     * Trust the configured CAs only; with CRLs, check the client's own certificate against them (not the
     * intermediates, which need no CRL of their own), CRLs only, never OCSP or a network fetch.
     */
    private static TrustManagerFactory trustManagers(TlsMaterial material) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (X509Certificate ca : material.trustedCas()) {
            store.setCertificateEntry("ca-" + i++, ca);
        }
        if (material.crls().isEmpty()) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        }
        PKIXBuilderParameters params = new PKIXBuilderParameters(store, new X509CertSelector());
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(material.crls())));
        PKIXRevocationChecker checker =
                (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX").getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.ONLY_END_ENTITY));
        params.addCertPathChecker(checker);
        params.setRevocationEnabled(true);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(new CertPathTrustManagerParameters(params));
        return tmf;
    }
}
