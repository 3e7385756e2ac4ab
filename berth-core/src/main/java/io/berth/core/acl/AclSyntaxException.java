package io.berth.core.acl;

/** An ACL file that cannot be read as rules; the message names the file and line. */
public final class AclSyntaxException extends RuntimeException {

    /** @param line the line, or 0 for a problem with the whole file (missing, unreadable) */
    public AclSyntaxException(String source, int line, String message) {
        super(source + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
