package io.berth.core.auth;

import io.berth.codec.ReasonCode;
import io.berth.core.acl.AclRules;

import java.time.Instant;

/**
 * What the whole chain decided for one CONNECT.
 *
 * @param reason    {@link ReasonCode#SUCCESS} when the client may connect, else the CONNACK reason code
 * @param superuser whether authorization is bypassed for this client
 * @param decidedBy the authenticator that decided, or "anonymous" / "chain" for the chain's own rules
 * @param detail    why, for the log
 * @param clientAcl rules of this client's own, checked before the ACL file (a JWT's {@code acl} claim), or null
 * @param expiresAt when the client's credential ends and it is disconnected with 0x87, or null
 */
public record AuthOutcome(ReasonCode reason, boolean superuser, String decidedBy, String detail, AclRules clientAcl,
                          Instant expiresAt) {

    public AuthOutcome(ReasonCode reason, boolean superuser, String decidedBy, String detail) {
        this(reason, superuser, decidedBy, detail, null, null);
    }

    public boolean allowed() {
        return reason == ReasonCode.SUCCESS;
    }
}
