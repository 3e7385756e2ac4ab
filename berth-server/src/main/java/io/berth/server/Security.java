package io.berth.server;

import io.berth.core.acl.AclRules;
import io.berth.core.acl.Authorization;
import io.berth.core.auth.AnonymousAccess;
import io.berth.core.auth.AuthenticationChain;
import io.berth.core.auth.Authenticator;
import io.berth.core.auth.BuiltInDatabaseAuthenticator;
import io.berth.server.auth.AclFile;
import io.berth.server.auth.AclFileWatcher;
import io.berth.server.auth.AclSources;
import io.berth.server.auth.UserAclFile;
import io.berth.server.auth.FileUserStore;
import io.berth.server.auth.HttpAuthenticator;
import io.berth.server.auth.JwtAuthenticator;
import io.berth.server.auth.ScramCredentialFile;
import io.berth.server.config.AuthenticationConfig;
import io.berth.server.config.AuthorizationConfig;
import io.berth.server.config.BrokerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires authentication and authorization from the config: the bounded executor the authentication chain runs on,
 * the built-in user store, the ACL rules and their file watcher. Part of the composition root.
 */
public final class Security implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Security.class);
    /** CONNECTs waiting for a free authentication thread; beyond this they get CONNACK 0x89. */
    static final int AUTH_QUEUE = 10_000;

    private final BrokerConfig config;
    private final FileUserStore users;
    private final ThreadPoolExecutor executor;
    private final AuthenticationChain authentication;
    private final Authorization authorization;
    private final List<Authenticator> mechanisms;
    private final ScramCredentialFile scram;
    private final Map<String, Authenticator> allMechanisms = new HashMap<>();
    private AclFileWatcher watcher;
    private AclFileWatcher userAclWatcher;
    private final UserAclFile userAcl;
    private final AclSources aclSources;

    private Security(BrokerConfig config, AclRules rules, UserAclFile userAcl, AclRules userRules) {
        this.config = config;
        this.userAcl = userAcl;
        this.aclSources = rules == null ? null : new AclSources(userRules, rules);
        AuthenticationConfig authn = config.authentication();
        this.users = new FileUserStore(config.node().dataDir().resolve(AuthenticationConfig.USERS_FILE));
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(authn.workers(), authn.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(AUTH_QUEUE), r -> {
                    Thread t = new Thread(r, "berth-auth-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
        Map<String, Authenticator> byName = allMechanisms; // one instance per mechanism, shared by listeners
        this.mechanisms = mechanisms(authn, authn.chain(), users, byName);
        Map<String, List<Authenticator>> listenerChains = new HashMap<>();
        authn.listenerChains().forEach((listener, names) ->
                listenerChains.put(listener, mechanisms(authn, names, users, byName)));
        this.scram = new ScramCredentialFile(config.node().dataDir().resolve(ScramCredentialFile.FILE),
                authn.scramIterations());
        this.authentication = new AuthenticationChain(mechanisms, authn.anonymous(), AnonymousAccess.LOOPBACK,
                executor, authn.twoFactor(), authn.timeout(), authn.builtInDatabase() ? scram : null,
                listenerChains);
        AuthorizationConfig authz = config.authorization();
        this.authorization = rules == null ? Authorization.disabled()
                : new Authorization(aclSources.combined(), authz.noMatchAllow(), authz.denyAction(),
                authz.cacheMaxSize());
        if (aclSources != null) {
            aclSources.bind(authorization);
        }
    }

    /** The mechanisms named, in that order; {@code made} keeps one instance of each across chains. */
    private static List<Authenticator> mechanisms(AuthenticationConfig authn, List<String> names,
                                                  FileUserStore users, Map<String, Authenticator> made) {
        List<Authenticator> chain = new ArrayList<>();
        for (String mechanism : names) {
            if (mechanism.equals("built_in_database") && !authn.builtInDatabase()) {
                continue;
            }
            chain.add(made.computeIfAbsent(mechanism, m -> switch (m) {
                case "built_in_database" -> new BuiltInDatabaseAuthenticator(users);
                case "jwt" -> new JwtAuthenticator(authn.jwt());
                case "http" -> new HttpAuthenticator(authn.http());
                default -> throw new IllegalArgumentException("unknown mechanism " + m);
            }));
        }
        return chain;
    }

    /**
     * Reads the ACL file, if any.
     *
     * @throws io.berth.core.acl.AclSyntaxException naming the file and line when the rules cannot be read
     */
    static Security create(BrokerConfig config) {
        AuthorizationConfig authz = config.authorization();
        AclRules rules = authz.enabled() ? AclFile.load(authz.aclFile()) : null;
        UserAclFile userAcl = new UserAclFile(config.node().dataDir().resolve(UserAclFile.FILE));
        AclRules userRules = authz.enabled() ? userAcl.load() : null;
        return new Security(config, rules, userAcl, userRules);
    }

    /** Checks the users file and starts watching the ACL file. */
    void start() {
        String names = String.join(", ", mechanisms.stream().map(Authenticator::name).toList());
        if (config.authentication().builtInDatabaseInChain()) {
            users.load();
            LOG.info("authentication.ready chain=[{}] users={} file={}", names, users.list().size(), users.file());
        } else if (mechanisms.isEmpty()) {
            LOG.info("authentication.ready chain=[] (allow_anonymous decides)");
        } else {
            LOG.info("authentication.ready chain=[{}]", names);
        }
        config.authentication().listenerChains().forEach((listener, own) -> LOG.info(
                "authentication.listener_chain listener={} chain=[{}]{}", listener, String.join(", ", own),
                own.isEmpty() ? " (allow_anonymous decides)" : ""));
        for (String listener : config.authentication().twoFactor()) {
            LOG.info("authentication.two_factor listener={}: client certificate and password both required",
                    listener);
        }
        if (authorization.enabled()) {
            AclRules fileRules = AclFile.load(config.authorization().aclFile());
            watcher = AclFileWatcher.start(config.authorization().aclFile(), AclFile::load, aclSources::file,
                    fileRules);
            try {
                java.nio.file.Files.createDirectories(userAcl.file().toAbsolutePath().getParent());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create " + userAcl.file().getParent() + ": " + e, e);
            }
            userAclWatcher = AclFileWatcher.start(userAcl.file(), f -> userAcl.load(), aclSources::users,
                    userAcl.load());
            LOG.info("authorization.ready file={} rules={} no_match={} deny_action={}",
                    config.authorization().aclFile(), authorization.rules().rules().size(),
                    config.authorization().noMatchAllow() ? "allow" : "deny",
                    authorization.denyAction().name().toLowerCase(java.util.Locale.ROOT));
        } else {
            LOG.warn("authorization.disabled every client may publish and subscribe to any topic");
        }
    }

    /** Logs a warning for a listener that lets anonymous clients in from anywhere. */
    void warnIfOpen(String listenerId, String host) {
        if (authentication.anonymousAccess(listenerId) == AnonymousAccess.ALLOW) {
            LOG.warn("security.anonymous_allowed listener={} bind={}: clients without a user name are accepted "
                    + "from any address (allow_anonymous = true)", listenerId, host);
        }
    }

    public AuthenticationChain authentication() {
        return authentication;
    }

    public Authorization authorization() {
        return authorization;
    }

    public FileUserStore users() {
        return users;
    }

    /** Reads the ACL file again now (also done automatically when it changes); false if unchanged or broken. */
    public boolean reloadAcl() {
        return watcher != null && watcher.reload();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (userAclWatcher != null) {
            userAclWatcher.close();
        }
        executor.shutdownNow();
        for (Authenticator a : allMechanisms.values()) {
            if (a instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("authentication.close_failed mechanism={}", a.name(), e);
                }
            }
        }
    }
}
