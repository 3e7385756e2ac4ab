package io.berth.server.management.auth;

import io.berth.server.config.ManagementAuthConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminAccountsTest {

    /** Low work factor: these tests check the logic, not the cost. */
    private static final int ITERATIONS = 1000;

    @TempDir
    Path dir;

    private AdminAccounts open() {
        return AdminAccounts.open(dir.resolve("users.json"), ITERATIONS);
    }

    @Test
    void create_storesAPbkdf2Hash_neverThePassword_inAnOwnerOnlyFile() throws Exception {
        AdminAccounts accounts = open();
        accounts.create("ops", "s3cret-password", Role.VIEWER, "on call");

        String text = Files.readString(dir.resolve("users.json"));
        assertThat(text).contains("\"ops\"", "$7$1000$", "viewer").doesNotContain("s3cret-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("users.json"))))
                .isEqualTo("rw-------");
        assertThat(accounts.verify("ops", "s3cret-password")).isPresent();
        assertThat(accounts.verify("ops", "wrong-password")).isEmpty();
        assertThat(accounts.verify("nobody", "s3cret-password")).isEmpty();
    }

    @Test
    void accounts_surviveAReopen() {
        open().create("admin", "first-password", Role.ADMINISTRATOR, "");
        AdminAccounts again = open();
        assertThat(again.verify("admin", "first-password")).hasValueSatisfying(a ->
                assertThat(a.role()).isEqualTo(Role.ADMINISTRATOR));
        again.setPassword("admin", "second-password");
        assertThat(open().verify("admin", "second-password")).isPresent();
        assertThat(open().verify("admin", "first-password")).isEmpty();
    }

    @Test
    void badInput_isRefused_andTheLastAdministratorStays() {
        AdminAccounts accounts = open();
        accounts.create("admin", "first-password", Role.ADMINISTRATOR, "");

        assertThatThrownBy(() -> accounts.create("admin", "other-password", Role.VIEWER, ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> accounts.create("bad name", "other-password", Role.VIEWER, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username");
        assertThatThrownBy(() -> accounts.create("ops", "short", Role.VIEWER, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8");
        assertThatThrownBy(() -> accounts.remove("admin"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("last administrator");
        assertThatThrownBy(() -> accounts.update("admin", Role.VIEWER, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("last administrator");
        assertThat(open().find("admin")).hasValueSatisfying(a -> assertThat(a.role()).isEqualTo(Role.ADMINISTRATOR));
    }

    @Test
    void initialAdministrator_withoutAConfiguredPassword_getsARandomOne_writtenOwnerOnly() throws Exception {
        AdminAccounts accounts = open();
        InitialAdministrator.ensure(accounts, ManagementAuthConfig.defaults(), dir);

        Path file = dir.resolve("initial_password");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(accounts.verify("admin", password)).isPresent();

        InitialAdministrator.ensure(accounts, ManagementAuthConfig.defaults().withDefaultPassword("ignored-now"),
                dir); // an account exists: nothing changes
        assertThat(accounts.verify("admin", "ignored-now")).isEmpty();
    }

    @Test
    void initialAdministrator_withAConfiguredPassword_usesIt_andWritesNoFile() {
        AdminAccounts accounts = open();
        InitialAdministrator.ensure(accounts, ManagementAuthConfig.defaults().withDefaultPassword("configured-pw"),
                dir);
        assertThat(accounts.verify("admin", "configured-pw")).isPresent();
        assertThat(dir.resolve("initial_password")).doesNotExist();
    }
}
