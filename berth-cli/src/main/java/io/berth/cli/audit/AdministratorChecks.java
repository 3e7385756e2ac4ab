package io.berth.cli.audit;

import java.util.List;

/**
 * The administrator account's password. Berth has no administrator account yet (the management endpoint has no
 * authentication), so this check cannot run: it says so rather than pass silently.
 */
final class AdministratorChecks {

    List<Finding> run() {
        return List.of(new Finding(Severity.INFO, "admin_password_not_checked", "management",
                "not checked: an unchanged or weak administrator password cannot be detected because Berth has no "
                        + "administrator account yet; the management endpoint has no authentication at all",
                "keep dashboard.listeners.http.bind on loopback until it has"));
    }
}
