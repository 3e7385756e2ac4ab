package io.berth.server.auth;

import io.berth.core.acl.AclParser;
import io.berth.core.acl.AclRules;
import io.berth.core.acl.AclSyntaxException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the ACL rules file ({@code authorization.acl_file}). */
public final class AclFile {

    private AclFile() {
    }

    /**
     * @throws AclSyntaxException naming the file and line of a syntax error, or the file when it cannot be read
     */
    public static AclRules load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AclSyntaxException(file.toString(), 0, "no such file (write the rules there, or set "
                    + "authorization.acl_file = \"disabled\" to let every client publish and subscribe anywhere)");
        } catch (IOException e) {
            throw new AclSyntaxException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        return new AclRules(AclParser.parse(text, file.toString()), file.toString());
    }
}
