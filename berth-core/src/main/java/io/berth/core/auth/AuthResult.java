package io.berth.core.auth;

import io.berth.codec.ReasonCode;

import java.util.Objects;

/** An {@link Authenticator}'s answer. */
public sealed interface AuthResult {

    /** Not this authenticator's business (unknown user, no username): the next one decides. */
    AuthResult IGNORE = new Ignore();

    static AuthResult allow(boolean superuser) {
        return new Allow(superuser, null, null);
    }

    /**
     * Allowed with rules of its own and a deadline (a JWT's {@code acl} claim and {@code exp}).
     *
     * @param clientAcl rules checked before the ACL file for this client, or null
     * @param expiresAt when the credential ends and the client is disconnected (0x87), or null
     */
    static AuthResult allow(boolean superuser, io.berth.core.acl.AclRules clientAcl, java.time.Instant expiresAt) {
        return new Allow(superuser, clientAcl, expiresAt);
    }

    /** Wrong password, or a user that exists but may not connect: CONNACK 0x86 / return code 4. */
    static AuthResult badCredentials(String detail) {
        return new Deny(ReasonCode.BAD_USER_NAME_OR_PASSWORD, detail);
    }

    /** CONNACK 0x87 / return code 5. */
    static AuthResult notAuthorized(String detail) {
        return new Deny(ReasonCode.NOT_AUTHORIZED, detail);
    }

    /** The client may connect; a superuser bypasses authorization; see {@link AuthResult#allow(boolean)}. */
    record Allow(boolean superuser, io.berth.core.acl.AclRules clientAcl, java.time.Instant expiresAt)
            implements AuthResult {
    }

    /**
     * The client may not connect.
     *
     * @param reason the CONNACK reason code (mapped to a 3.1.1 return code by the encoder)
     * @param detail why, for the log (never the password)
     */
    record Deny(ReasonCode reason, String detail) implements AuthResult {
        public Deny {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** See {@link #IGNORE}. */
    record Ignore() implements AuthResult {
    }
}
