package io.berth.core.auth;

import io.berth.codec.ReasonCode;

/**
 * What the whole chain decided for one CONNECT.
 *
 * @param reason    {@link ReasonCode#SUCCESS} when the client may connect, else the CONNACK reason code
 * @param superuser whether authorization is bypassed for this client
 * @param decidedBy the authenticator that decided, or "anonymous" / "chain" for the chain's own rules
 * @param detail    why, for the log
 */
public record AuthOutcome(ReasonCode reason, boolean superuser, String decidedBy, String detail) {

    public boolean allowed() {
        return reason == ReasonCode.SUCCESS;
    }
}
