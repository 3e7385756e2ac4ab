package io.berth.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.Map;

/**
 * How a command signs in to the management endpoint: {@code --username} and {@code --password} (a login, then the
 * token), or an API key from {@code BERTH_API_KEY} and {@code BERTH_API_SECRET} (HTTP Basic). A picocli mixin.
 */
public final class ManagementLogin {

    /** Environment variable holding an API key's id. */
    public static final String API_KEY_ENV = "BERTH_API_KEY";
    /** Environment variable holding an API key's secret. */
    public static final String API_SECRET_ENV = "BERTH_API_SECRET";

    @Option(names = "--username", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Management account to log in as (POST /api/v5/login). Without it, the API key in "
                    + API_KEY_ENV + " and " + API_SECRET_ENV + " is used.")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", scope = ScopeType.INHERIT, interactive = true,
            arity = "0..1", description = "Its password; asked on the terminal when given without a value.")
    char[] password;

    /**
     * The credentials to use.
     *
     * @throws ManagementClient.Failure if a username comes without a password or only half an API key is set
     */
    public ManagementClient.Credentials credentials(Map<String, String> env) throws ManagementClient.Failure {
        if (username != null) {
            if (password == null) {
                throw new ManagementClient.Failure("--username " + username + " needs --password (give it without "
                        + "a value to be asked on the terminal)");
            }
            return ManagementClient.Credentials.login(username, new String(password));
        }
        String key = env.get(API_KEY_ENV);
        String secret = env.get(API_SECRET_ENV);
        if (key != null && !key.isEmpty() || secret != null && !secret.isEmpty()) {
            if (key == null || key.isEmpty() || secret == null || secret.isEmpty()) {
                throw new ManagementClient.Failure("set both " + API_KEY_ENV + " and " + API_SECRET_ENV);
            }
            return ManagementClient.Credentials.apiKey(key, secret);
        }
        return ManagementClient.Credentials.none();
    }
}
