package io.berth.server.auth;

import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileUserStoreTest {

    @TempDir
    Path dir;

    private static String hash(String pw) {
        return PasswordHashes.pbkdf2(pw.getBytes(StandardCharsets.UTF_8), 1000);
    }

    @Test
    void missingFile_isAnEmptyStore() {
        FileUserStore store = new FileUserStore(dir.resolve("sub/users.passwd"));
        store.load();
        assertThat(store.list()).isEmpty();
        assertThat(store.find("x")).isEmpty();
    }

    @Test
    void writes_areOwnerOnly_andSeenByAnotherInstance() throws IOException {
        Path file = dir.resolve("users.passwd");
        FileUserStore a = new FileUserStore(file);
        FileUserStore b = new FileUserStore(file);
        assertThat(b.find("alice")).isEmpty();
        a.put(new UserRecord("alice", hash("pw"), true));
        assertThat(b.find("alice")).hasValueSatisfying(u -> assertThat(u.superuser()).isTrue());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("alice:$7$1000$").endsWith(":superuser\n");
        assertThat(a.delete("alice")).isTrue();
        assertThat(b.find("alice")).isEmpty();
    }

    @Test
    void aBrokenLine_isReportedWithFileAndLine_andKeepsTheLastGoodUsers() throws IOException {
        Path file = dir.resolve("users.passwd");
        FileUserStore store = new FileUserStore(file);
        store.put(new UserRecord("alice", hash("pw"), false));
        Files.writeString(file, "# users\nalice:" + hash("pw") + "\nbob:plaintext\n");
        assertThatThrownBy(store::load).isInstanceOf(UserStoreException.class).hasMessageContaining(file + ":3:");
        assertThat(store.find("alice")).isPresent(); // a lookup keeps serving the users read before
    }

    @Test
    void usernamesWithColonsOrLineBreaks_areRefused() {
        assertThatThrownBy(() -> new UserRecord("a:b", hash("pw"), false)).hasMessageContaining("':'");
        assertThatThrownBy(() -> new UserRecord("a\nb", hash("pw"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
