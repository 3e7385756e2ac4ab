package io.berth.server.management.auth;

import io.berth.server.config.ManagementAuthConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Creates the first administrator when no account exists, as EMQX does: {@code dashboard.default_username} with
 * {@code dashboard.default_password}, or with a random password that is logged once at WARN and written to
 * {@code <node.data_dir>/management/initial_password} (mode 0600) for the operator to read. Blocking.
 */
public final class InitialAdministrator {

    /** The file, in the management directory, that holds a generated password. */
    public static final String PASSWORD_FILE = "initial_password";

    private static final Logger LOG = LoggerFactory.getLogger("event.management");
    private static final SecureRandom RANDOM = new SecureRandom();

    private InitialAdministrator() {
    }

    /** Creates the administrator if {@code accounts} is empty; does nothing otherwise. */
    public static void ensure(AdminAccounts accounts, ManagementAuthConfig config, Path managementDir) {
        if (!accounts.isEmpty()) {
            return;
        }
        String password = config.defaultPassword();
        boolean generated = password.isEmpty();
        if (generated) {
            byte[] bytes = new byte[18];
            RANDOM.nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        accounts.create(config.defaultUsername(), password, Role.ADMINISTRATOR, "created on first start");
        if (!generated) {
            LOG.info("management.admin_created username={} password=dashboard.default_password",
                    config.defaultUsername());
            return;
        }
        Path file = managementDir.resolve(PASSWORD_FILE);
        try {
            PrivateFiles.write(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the initial administrator password: "
                    + e.getMessage(), e);
        }
        LOG.warn("management.admin_created username={} password={} file={}: a random password was generated "
                + "because dashboard.default_password is empty; it is shown once here and kept in that file (mode "
                + "0600); change it with POST /api/v5/users/{}/change_pwd", config.defaultUsername(), password, file,
                config.defaultUsername());
    }
}
