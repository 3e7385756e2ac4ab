package io.berth.core.auth;

import io.berth.codec.ReasonCode;
import io.berth.core.auth.scram.ScramCredentialStore;
import io.berth.core.auth.scram.ScramMechanism;
import io.berth.core.auth.scram.ScramServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ordered authentication chain. Each {@link Authenticator} is asked in turn; the first allow or deny decides.
 * When every one ignores the client:
 * <ul>
 *   <li>a client without a User Name is judged by its listener's {@link AnonymousAccess} rule;</li>
 *   <li>a client with a User Name nobody knows is refused with 0x86 (bad user name or password): an unverified
 *       name must not reach ACL rules written for that user.</li>
 * </ul>
 * With an empty chain (authentication turned off) every client is judged by the anonymous rule alone.
 *
 * <p>On a two-factor listener a client needs both a verified certificate and a password the chain accepts, and its
 * User Name must be the certificate's identity ({@link Credentials#certIdentity()}).
 *
 * <p>A chain that does not answer within its timeout gives 0x86: a hung mechanism never hangs the client.
 *
 * <p>Threading: {@link #authenticate} may be called on any thread; the authenticators run on {@code executor},
 * a bounded pool owned by the composition root, so slow hashes never block an event loop.
 */
public final class AuthenticationChain {

    private final List<Authenticator> authenticators;
    private final Map<String, AnonymousAccess> anonymousByListener;
    private final AnonymousAccess anonymousDefault;
    private final Executor executor;
    private final Set<String> twoFactorListeners;
    private final Duration timeout;
    private final ScramCredentialStore scram;
    private final Map<String, List<Authenticator>> listenerChains;

    /**
     * @param authenticators      asked in this order
     * @param anonymousByListener the anonymous rule per listener id ("tcp:default")
     * @param anonymousDefault    the rule for a listener not in the map
     * @param executor            where the authenticators run
     */
    public AuthenticationChain(List<Authenticator> authenticators, Map<String, AnonymousAccess> anonymousByListener,
                               AnonymousAccess anonymousDefault, Executor executor) {
        this(authenticators, anonymousByListener, anonymousDefault, executor, Set.of(), null, null);
    }

    /**
     * @param twoFactorListeners listener ids that require a verified certificate and a password
     * @param timeout            how long the chain may take for one client, or null for no limit
     * @param scram              SCRAM credentials for MQTT 5 enhanced authentication, or null to refuse it (0x8C)
     */
    public AuthenticationChain(List<Authenticator> authenticators, Map<String, AnonymousAccess> anonymousByListener,
                               AnonymousAccess anonymousDefault, Executor executor, Set<String> twoFactorListeners,
                               Duration timeout, ScramCredentialStore scram) {
        this(authenticators, anonymousByListener, anonymousDefault, executor, twoFactorListeners, timeout, scram,
                Map.of());
    }

    /**
     * @param listenerChains listener ids ("tcp:devices") that ask their own mechanisms instead of
     *                       {@code authenticators} (an empty list: none, the anonymous rule decides)
     */
    public AuthenticationChain(List<Authenticator> authenticators, Map<String, AnonymousAccess> anonymousByListener,
                               AnonymousAccess anonymousDefault, Executor executor, Set<String> twoFactorListeners,
                               Duration timeout, ScramCredentialStore scram,
                               Map<String, List<Authenticator>> listenerChains) {
        this.listenerChains = Map.copyOf(listenerChains);
        this.authenticators = List.copyOf(authenticators);
        this.anonymousByListener = Map.copyOf(anonymousByListener);
        this.anonymousDefault = anonymousDefault;
        this.executor = executor;
        this.twoFactorListeners = Set.copyOf(twoFactorListeners);
        this.timeout = timeout;
        this.scram = scram;
    }

    /**
     * A new server side of an enhanced-authentication exchange for an MQTT 5 Authentication Method, or null when
     * the method is not supported (CONNACK 0x8C).
     */
    public ScramServer enhancedAuthentication(String method) {
        ScramMechanism mechanism = ScramMechanism.of(method);
        return mechanism == null || scram == null ? null : new ScramServer(mechanism, scram);
    }

    /** Runs blocking work (a credential lookup) on the authentication executor; a full queue fails the future. */
    public <T> CompletableFuture<T> offLoop(java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** No authenticators, anonymous clients accepted everywhere: for embedding the core without security. */
    public static AuthenticationChain permitAll() {
        return new AuthenticationChain(List.of(), Map.of(), AnonymousAccess.ALLOW, Runnable::run);
    }

    /**
     * Decides asynchronously. The future completes on the executor's thread (or the caller's when there is nothing
     * slow to do); it never completes exceptionally: a full executor gives 0x89 (server busy).
     */
    public CompletableFuture<AuthOutcome> authenticate(Credentials credentials) {
        if (mechanisms(credentials.listener()).isEmpty() || (credentials.authenticatedByCertificate() && !twoFactor(credentials))) {
            return CompletableFuture.completedFuture(decide(credentials)); // nothing slow to do
        }
        CompletableFuture<AuthOutcome> result = new CompletableFuture<>();
        AtomicReference<String> running = new AtomicReference<>();
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                result.complete(decide(credentials, running));
            } catch (RuntimeException e) {
                result.complete(new AuthOutcome(ReasonCode.UNSPECIFIED_ERROR, false, "chain",
                        "authenticator failed: " + e));
            }
        }, null);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            result.complete(new AuthOutcome(ReasonCode.SERVER_BUSY, false, "chain",
                    "authentication queue full"));
            return result;
        }
        if (timeout != null) {
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                String slow = running.get();
                if (result.complete(new AuthOutcome(ReasonCode.BAD_USER_NAME_OR_PASSWORD, false,
                        slow == null ? "chain" : slow, "no answer within " + timeout.toMillis() + " ms"))) {
                    task.cancel(true); // interrupts a mechanism blocked on I/O
                }
            });
        }
        return result;
    }

    /** Runs the chain on the calling thread (which may block). */
    public AuthOutcome decide(Credentials credentials) {
        return decide(credentials, new AtomicReference<>());
    }

    /** {@code running} names the mechanism being asked, for the timeout's log line. */
    private AuthOutcome decide(Credentials credentials, AtomicReference<String> running) {
        if (twoFactor(credentials)) {
            AuthOutcome refused = twoFactorRefusal(credentials);
            if (refused != null) {
                return refused;
            }
        } else if (credentials.authenticatedByCertificate()) {
            return new AuthOutcome(ReasonCode.SUCCESS, false, "client_certificate", "verified client certificate");
        }
        List<Authenticator> asked = mechanisms(credentials.listener());
        for (Authenticator a : asked) {
            running.set(a.name());
            AuthResult r = a.authenticate(credentials);
            if (r instanceof AuthResult.Allow allow) {
                return new AuthOutcome(ReasonCode.SUCCESS, allow.superuser(), a.name(), "authenticated",
                        allow.clientAcl(), allow.expiresAt());
            }
            if (r instanceof AuthResult.Deny deny) {
                return new AuthOutcome(deny.reason(), false, a.name(), deny.detail());
            }
        }
        if (twoFactor(credentials)) {
            return new AuthOutcome(ReasonCode.BAD_USER_NAME_OR_PASSWORD, false, "two_factor",
                    "no mechanism accepted the password");
        }
        if (!credentials.anonymous() && !asked.isEmpty()) {
            return new AuthOutcome(ReasonCode.BAD_USER_NAME_OR_PASSWORD, false, "chain", "unknown user");
        }
        return anonymousRule(credentials);
    }

    private AuthOutcome anonymousRule(Credentials credentials) {
        AnonymousAccess rule = anonymousAccess(credentials.listener());
        if (rule.permits(credentials.address())) {
            return new AuthOutcome(ReasonCode.SUCCESS, false, "anonymous", "allow_anonymous=" + rule);
        }
        String why = credentials.anonymous() ? "anonymous client" : "authentication off, client not trusted";
        return new AuthOutcome(ReasonCode.NOT_AUTHORIZED, false, "anonymous",
                why + " refused by allow_anonymous=" + rule.name().toLowerCase(java.util.Locale.ROOT));
    }

    private boolean twoFactor(Credentials credentials) {
        return requiresTwoFactor(credentials.listener());
    }

    /** Whether the listener has {@code enable_two_factor}: certificate and password both required. */
    public boolean requiresTwoFactor(String listener) {
        return twoFactorListeners.contains(listener);
    }

    /** Why a client on a two-factor listener is refused before its password is checked, or null. */
    private static AuthOutcome twoFactorRefusal(Credentials credentials) {
        if (!credentials.certificateVerified()) {
            return new AuthOutcome(ReasonCode.NOT_AUTHORIZED, false, "two_factor", "no verified client certificate");
        }
        if (credentials.password() == null || credentials.anonymous()) {
            return new AuthOutcome(ReasonCode.BAD_USER_NAME_OR_PASSWORD, false, "two_factor",
                    "certificate without user name and password");
        }
        if (!credentials.username().equals(credentials.certIdentity())) {
            return new AuthOutcome(ReasonCode.NOT_AUTHORIZED, false, "two_factor",
                    "user name is not the certificate's identity " + credentials.certIdentity());
        }
        return null;
    }

    /** The mechanisms a listener asks, in order: its own chain, else the global one. */
    public List<Authenticator> mechanisms(String listener) {
        return listener == null ? authenticators : listenerChains.getOrDefault(listener, authenticators);
    }

    /** The anonymous rule of a listener. */
    public AnonymousAccess anonymousAccess(String listener) {
        return anonymousByListener.getOrDefault(listener, anonymousDefault);
    }
}
