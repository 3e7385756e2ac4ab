package io.berth.cli.audit;

import java.util.List;

/**
 * The management administrator's password. The accounts are stored hashed, so the audit cannot tell a weak or
 * unchanged password from a good one: it says so rather than pass silently.
 */
final class AdministratorChecks {

    List<Finding> run() {
        return List.of(new Finding(Severity.INFO, "admin_password_not_checked", "management",
                "not checked: the management accounts (<node.data_dir>/management/users.json) hold only password "
                        + "hashes, so an unchanged or weak administrator password cannot be detected",
                "change the first administrator's password after the first start (POST /api/v5/users/<name>/"
                        + "change_pwd) and keep dashboard.listeners.http.bind on loopback"));
    }
}
