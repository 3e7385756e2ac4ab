package io.berth.codec;

/**
 * Internal signal that the bytes being decoded break the spec. It never leaves the codec: {@link PacketDecoder}
 * turns it into a {@link DecodeFailure}. No stack trace is captured, so a flood of bad packets stays cheap.
 */
final class DecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ReasonCode reasonCode;

    DecodeException(ReasonCode reasonCode, String message) {
        super(message, null, false, false);
        this.reasonCode = reasonCode;
    }

    static DecodeException malformed(String message) {
        return new DecodeException(ReasonCode.MALFORMED_PACKET, message);
    }

    static DecodeException protocolError(String message) {
        return new DecodeException(ReasonCode.PROTOCOL_ERROR, message);
    }

    ReasonCode reasonCode() {
        return reasonCode;
    }
}
