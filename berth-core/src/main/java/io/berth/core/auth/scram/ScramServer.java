package io.berth.core.auth.scram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The server side of one SCRAM exchange (RFC 5802 section 5): client-first → server-first, client-final →
 * server-final. No channel binding (the GS2 header must be {@code n,,} or {@code y,,}). An unknown user gets a
 * made-up salt and fails at the proof like a wrong password, so the exchange does not reveal which users exist.
 *
 * <p>Not thread-safe: one exchange belongs to one connection; the steps may run on any one thread at a time.
 */
public final class ScramServer {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Salts made up for unknown users are derived from this, so they look the same each time. */
    private static final byte[] FAKE_SALT_KEY = randomBytes(32);

    private final ScramMechanism mechanism;
    private final ScramCredentialStore store;
    private final Supplier<String> serverNonce;
    private ScramCredential credential;
    private boolean known;
    private String username;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private boolean done;

    public ScramServer(ScramMechanism mechanism, ScramCredentialStore store) {
        this(mechanism, store, () -> Base64.getEncoder().withoutPadding().encodeToString(randomBytes(18)));
    }

    /** With a fixed server nonce source, for RFC test vectors. */
    ScramServer(ScramMechanism mechanism, ScramCredentialStore store, Supplier<String> serverNonce) {
        this.mechanism = mechanism;
        this.store = store;
        this.serverNonce = serverNonce;
    }

    public ScramMechanism mechanism() {
        return mechanism;
    }

    /** The user named in client-first, once {@link #clientFirst} has run. */
    public String username() {
        return username;
    }

    /** Reads client-first ({@code n,,n=user,r=nonce}) and returns server-first. May block: looks the user up. */
    public byte[] clientFirst(byte[] data) throws ScramException {
        if (clientFirstBare != null) {
            throw new ScramException("client-first sent twice");
        }
        String msg = text(data);
        if (!(msg.startsWith("n,") || msg.startsWith("y,"))) {
            throw new ScramException("channel binding is not supported; GS2 header must be n,, or y,,");
        }
        int second = msg.indexOf(',', 2);
        if (second < 0 || second != 2) {
            throw new ScramException(second < 0 ? "malformed client-first" : "authzid is not supported");
        }
        gs2Header = msg.substring(0, 3);
        clientFirstBare = msg.substring(3);
        String[] attrs = clientFirstBare.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=") || attrs[1].length() < 3) {
            throw new ScramException("malformed client-first: expected n=user,r=nonce");
        }
        username = saslName(attrs[0].substring(2));
        nonce = attrs[1].substring(2) + serverNonce.get();
        credential = store.find(username, mechanism).orElse(null);
        known = credential != null;
        if (!known) {
            credential = fake(username);
        }
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credential.salt()) + ",i="
                + credential.iterations();
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    /** Checks client-final's proof and returns server-final ({@code v=...}). Cheap: HMACs only. */
    public byte[] clientFinal(byte[] data) throws ScramException {
        if (serverFirst == null || done) {
            throw new ScramException("client-final out of order");
        }
        done = true;
        String msg = text(data);
        int p = msg.lastIndexOf(",p=");
        if (p < 0) {
            throw new ScramException("malformed client-final: no proof");
        }
        String withoutProof = msg.substring(0, p);
        String[] attrs = withoutProof.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")) {
            throw new ScramException("malformed client-final: expected c=...,r=...,p=...");
        }
        String binding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!attrs[0].substring(2).equals(binding)) {
            throw new ScramException("channel binding data does not match the GS2 header");
        }
        if (!attrs[1].substring(2).equals(nonce)) {
            throw new ScramException("nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(msg.substring(p + 3));
        } catch (IllegalArgumentException e) {
            throw new ScramException("proof is not base64");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = ScramCrypto.hmac(mechanism, credential.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            throw new ScramException("wrong proof");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        boolean ok = MessageDigest.isEqual(ScramCrypto.hash(mechanism, clientKey), credential.storedKey());
        if (!ok || !known) {
            throw new ScramException(known ? "wrong proof" : "unknown user");
        }
        byte[] serverSignature = ScramCrypto.hmac(mechanism, credential.serverKey(), authMessage);
        return ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8);
    }

    private ScramCredential fake(String user) {
        byte[] salt = java.util.Arrays.copyOf(ScramCrypto.hmac(mechanism, FAKE_SALT_KEY, user), 16);
        byte[] junk = randomBytes(mechanism.keyBytes);
        return new ScramCredential(mechanism, salt, store.iterationCount(), junk, junk);
    }

    /** RFC 5802 saslname: "=2C" is ',' and "=3D" is '='; any other '=' is malformed. */
    private static String saslName(String s) throws ScramException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (s.startsWith("=2C", i)) {
                    out.append(',');
                } else if (s.startsWith("=3D", i)) {
                    out.append('=');
                } else {
                    throw new ScramException("malformed user name encoding");
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        if (out.isEmpty()) {
            throw new ScramException("empty user name");
        }
        return out.toString();
    }

    private static String text(byte[] data) throws ScramException {
        if (data == null || data.length == 0) {
            throw new ScramException("no authentication data");
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
