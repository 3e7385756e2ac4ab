package io.berth.server.tls;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A listener's certificate material, loaded from PEM files and checked before use: the key matches the
 * certificate, RSA keys have at least {@value #MIN_RSA_BITS} bits, every file parses. Blocking file I/O: load it
 * off the event loops.
 *
 * @param chain       the server certificate chain, leaf first
 * @param key         the server's private key
 * @param trustedCas  CAs that client certificates must chain to (empty when clients are not verified)
 * @param crls        revocation lists checked against client certificates (may be empty)
 */
public record TlsMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trustedCas,
                          List<X509CRL> crls) {

    /** The smallest RSA key accepted (NIST SP 800-57: 1024-bit RSA has been disallowed since 2013). */
    public static final int MIN_RSA_BITS = 2048;

    /** BouncyCastle's provider, used directly (not installed JVM-wide) for the PBE schemes of encrypted keys. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    public TlsMaterial {
        chain = List.copyOf(chain);
        trustedCas = List.copyOf(trustedCas);
        crls = List.copyOf(crls);
    }

    /**
     * Loads and validates the files.
     *
     * @param caOrNull  CA certificates for client verification, or null
     * @param crlOrNull a CRL file (PEM or DER), or null
     * @throws TlsException naming the file and what is wrong with it
     */
    public static TlsMaterial load(Path certfile, Path keyfile, String password, Path caOrNull, Path crlOrNull) {
        List<X509Certificate> chain = certificates(certfile);
        PrivateKey key = privateKey(keyfile, password);
        checkKeyStrength(key, keyfile);
        checkKeyMatches(key, chain.get(0), certfile, keyfile);
        List<X509Certificate> cas = caOrNull == null ? List.of() : certificates(caOrNull);
        List<X509CRL> crls = crlOrNull == null ? List.of() : crls(crlOrNull);
        return new TlsMaterial(chain, key, cas, crls);
    }

    /** The server certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The certificates in a PEM file, in file order: what the broker loads (also read by {@code berth audit}). */
    public static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> all =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (java.security.cert.Certificate c : all) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new TlsException(file + ": no certificate found (expected PEM \"BEGIN CERTIFICATE\" blocks)");
            }
            return out;
        } catch (IOException e) {
            throw new TlsException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsException(file + ": not a valid certificate file: " + e.getMessage(), e);
        }
    }

    static List<X509CRL> crls(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509CRL> out = new ArrayList<>();
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                out.add((X509CRL) crl);
            }
            if (out.isEmpty()) {
                throw new TlsException(file + ": no CRL found (expected PEM \"BEGIN X509 CRL\" or DER)");
            }
            return out;
        } catch (IOException e) {
            throw new TlsException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsException(file + ": not a valid CRL: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file, String password) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof ASN1ObjectIdentifier) {
                    continue; // "EC PARAMETERS" before an EC key
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(file, password);
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password.toCharArray())));
                }
                if (o instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(file, password);
                    return converter.getKeyPair(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password.toCharArray()))).getPrivate();
                }
            }
            throw new TlsException(file + ": no private key found (expected PEM \"BEGIN PRIVATE KEY\", \"BEGIN RSA "
                    + "PRIVATE KEY\" or \"BEGIN EC PRIVATE KEY\")");
        } catch (TlsException e) {
            throw e;
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new TlsException(file + ": cannot read the private key (wrong password?): " + why, e);
        }
    }

    private static void requirePassword(Path file, String password) {
        if (password == null) {
            throw new TlsException(file + ": the key is encrypted: set ssl_options.password");
        }
    }

    private static void checkKeyStrength(PrivateKey key, Path file) {
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new TlsException(file + ": RSA key of " + rsa.getModulus().bitLength() + " bits is too weak; use "
                    + "at least " + MIN_RSA_BITS + " bits (or an ECDSA P-256 key)");
        }
    }

    /** Signs a probe with the key and verifies it with the certificate: proves they are one pair. */
    private static void checkKeyMatches(PrivateKey key, X509Certificate cert, Path certfile, Path keyfile) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (alg == null) {
            throw new TlsException(keyfile + ": unsupported key algorithm " + key.getAlgorithm()
                    + " (use RSA or ECDSA)");
        }
        byte[] probe = "berth key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            matches = v.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsException(keyfile + " does not match the certificate in " + certfile + " (subject "
                    + cert.getSubjectX500Principal().getName() + ")");
        }
    }
}
