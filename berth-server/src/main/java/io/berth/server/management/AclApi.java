package io.berth.server.management;

import io.berth.core.acl.AclAction;
import io.berth.core.acl.AclDecision;
import io.berth.core.acl.AclParser;
import io.berth.core.acl.AclRule;
import io.berth.core.acl.AclRules;
import io.berth.core.acl.AclSyntaxException;
import io.berth.core.acl.Authorization;
import io.berth.core.auth.ClientIdentity;
import io.berth.server.config.AuthorizationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ACL file over HTTP, on EMQX's paths:
 * <pre>
 * GET  /api/v5/authorization/sources/file   {type, enable, path, rules}: the rules text
 * PUT  /api/v5/authorization/sources/file   {rules}: replace the rules; checked first, a bad file is refused with
 *                                           400 naming the line and nothing changes; written to the ACL file and in
 *                                           force from the next check (as when the file watcher sees an edit)
 * POST /api/v5/authorization/explain        {clientid, username, ip, action, topic, qos, retain}: the decision and
 *                                           the rule that makes it, as {@code berth acl explain} prints
 * </pre>
 * File reads and writes run on the management executor.
 */
final class AclApi {

    private static final Logger LOG = LoggerFactory.getLogger("event.management");
    private static final String SOURCE = "/api/v5/authorization/sources/file";

    private final Authorization authorization;
    private final AuthorizationConfig config;

    AclApi(Authorization authorization, AuthorizationConfig config) {
        this.authorization = authorization;
        this.config = config;
    }

    void register(Router router) {
        router.add("GET", SOURCE, r -> ApiResponse.ok(source()), true)
                .describe("The ACL file's rules as text", "{type: file, enable, path, rules}; 404 when "
                        + "authorization.acl_file is disabled");
        router.add("PUT", SOURCE, this::replace, true)
                .describe("Replace the ACL rules: {rules: \"...\"}; checked before anything is written",
                        "{type, enable, path, rules}; 400 BAD_REQUEST naming the line of a syntax error");
        router.add("POST", "/api/v5/authorization/explain", this::explain, true)
                .describe("Which rule decides: {clientid, username, ip, action: publish|subscribe, topic, qos, "
                        + "retain, is_superuser}", "{result: allow|deny, rule, origin, reason}");
    }

    private Path file() {
        if (!authorization.enabled()) {
            throw new ApiException(404, "NOT_FOUND", "authorization.acl_file is \"disabled\": every client may "
                    + "publish and subscribe anywhere");
        }
        return config.aclFile();
    }

    private Map<String, Object> source() {
        Path file = file();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiException(500, "INTERNAL_ERROR", "cannot read " + file + ": " + e.getMessage());
        }
        return json(file, text);
    }

    private ApiResponse replace(ApiRequest r) {
        Path file = file();
        Map<String, Object> body = Json.readObject(r.body());
        UsersApi.allowOnly(body, Set.of("type", "enable", "rules"));
        String text = UsersApi.string(body, "rules", true);
        if (body.containsKey("type") && !"file".equals(body.get("type"))) {
            throw new ApiException(400, "BAD_REQUEST", "type: only the file source exists, got " + body.get("type"));
        }
        if (Boolean.FALSE.equals(body.get("enable"))) {
            throw new ApiException(400, "BAD_REQUEST", "enable: authorization is turned off in the config "
                    + "(authorization.acl_file = \"disabled\"), not here");
        }
        List<AclRule> rules;
        try {
            rules = AclParser.parse(text, file.toString());
        } catch (AclSyntaxException e) {
            throw new ApiException(400, "BAD_REQUEST", "rules: " + e.getMessage() + " (nothing was changed)");
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ApiException(500, "INTERNAL_ERROR", "cannot write " + file + ": " + e.getMessage()
                    + " (the rules in force stay)");
        }
        authorization.replaceRules(new AclRules(rules, file.toString()));
        LOG.info("management.acl_replaced file={} rules={}", file, rules.size());
        return ApiResponse.ok(json(file, text));
    }

    private ApiResponse explain(ApiRequest r) {
        Map<String, Object> body = Json.readObject(r.body());
        UsersApi.allowOnly(body, Set.of("clientid", "username", "ip", "action", "topic", "qos", "retain",
                "is_superuser"));
        String clientId = UsersApi.string(body, "clientid", true);
        String username = UsersApi.string(body, "username", false);
        String topic = UsersApi.string(body, "topic", true);
        String actionText = UsersApi.string(body, "action", true);
        AclAction action;
        try {
            action = AclAction.valueOf(actionText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "BAD_REQUEST", "action: must be publish or subscribe, got " + actionText);
        }
        String ip = body.get("ip") == null ? "127.0.0.1" : UsersApi.string(body, "ip", true);
        InetAddress address;
        try {
            if (!ip.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new UnknownHostException(ip);
            }
            address = InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new ApiException(400, "BAD_REQUEST", "ip: must be an IP address, got " + ip);
        }
        int qos = body.get("qos") instanceof Integer q && q >= 0 && q <= 2 ? q : -1;
        if (body.get("qos") == null) {
            qos = 0;
        } else if (qos < 0) {
            throw new ApiException(400, "BAD_REQUEST", "qos: must be 0, 1 or 2");
        }
        boolean retain = Boolean.TRUE.equals(body.get("retain"));
        boolean superuser = Boolean.TRUE.equals(body.get("is_superuser"));
        ClientIdentity client = new ClientIdentity(clientId, username, address, "tcp:default", superuser);
        AclDecision d = authorization.check(client, action, topic, qos, retain);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", d.allowed() ? "allow" : "deny");
        m.put("rule", d.rule() == null ? null : d.rule().describe());
        m.put("origin", d.rule() == null ? null : d.rule().origin());
        m.put("reason", d.reason());
        return ApiResponse.ok(m);
    }

    private Map<String, Object> json(Path file, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "file");
        m.put("enable", true);
        m.put("path", file.toString());
        m.put("rules", text);
        return m;
    }
}
