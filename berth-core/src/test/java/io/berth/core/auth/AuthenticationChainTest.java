package io.berth.core.auth;

import io.berth.codec.ReasonCode;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationChainTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InetAddress REMOTE = address("203.0.113.7");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A store in memory for the chain's tests; the file store is tested in berth-server. */
    private static final class MapStore implements UserStore {
        final Map<String, UserRecord> users = new ConcurrentHashMap<>();

        @Override
        public Optional<UserRecord> find(String username) {
            return Optional.ofNullable(users.get(username));
        }

        @Override
        public List<UserRecord> list() {
            return List.copyOf(users.values());
        }

        @Override
        public void put(UserRecord user) {
            users.put(user.username(), user);
        }

        @Override
        public boolean delete(String username) {
            return users.remove(username) != null;
        }
    }

    private final MapStore store = new MapStore();
    private final AuthenticationChain chain = new AuthenticationChain(
            List.of(new BuiltInDatabaseAuthenticator(store)), Map.of("tcp:open", AnonymousAccess.ALLOW,
            "tcp:closed", AnonymousAccess.DENY), AnonymousAccess.LOOPBACK, Runnable::run);

    private static Credentials creds(String user, String password, InetAddress from, String listener) {
        return new Credentials("c1", user, password == null ? null : password.getBytes(StandardCharsets.UTF_8),
                from, listener);
    }

    @Test
    void knownUser_rightPassword_isAllowed_withItsSuperuserFlag() {
        store.put(new UserRecord("alice", PasswordHashes.pbkdf2("pw".getBytes(StandardCharsets.UTF_8), 1000), true));
        AuthOutcome o = chain.decide(creds("alice", "pw", REMOTE, "tcp:default"));
        assertThat(o.allowed()).isTrue();
        assertThat(o.superuser()).isTrue();
        assertThat(o.decidedBy()).isEqualTo("built_in_database");
    }

    @Test
    void knownUser_wrongOrMissingPassword_isBadCredentials() {
        store.put(new UserRecord("bob", PasswordHashes.pbkdf2("pw".getBytes(StandardCharsets.UTF_8), 1000), false));
        assertThat(chain.decide(creds("bob", "nope", LOOPBACK, "tcp:default")).reason())
                .isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(chain.decide(creds("bob", null, LOOPBACK, "tcp:default")).reason())
                .isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void unknownUser_isBadCredentials_evenFromLoopback() {
        assertThat(chain.decide(creds("mallory", "x", LOOPBACK, "tcp:open")).reason())
                .isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void anonymous_followsTheListenersRule() {
        assertThat(chain.decide(creds(null, null, LOOPBACK, "tcp:default")).allowed()).isTrue();
        assertThat(chain.decide(creds(null, null, REMOTE, "tcp:default")).reason())
                .isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(chain.decide(creds(null, null, REMOTE, "tcp:open")).allowed()).isTrue();
        assertThat(chain.decide(creds(null, null, LOOPBACK, "tcp:closed")).reason())
                .isEqualTo(ReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void loopbackRule_acceptsEveryLoopbackForm_andNothingElse() {
        assertThat(AnonymousAccess.LOOPBACK.permits(address("127.0.0.1"))).isTrue();
        assertThat(AnonymousAccess.LOOPBACK.permits(address("127.8.9.10"))).isTrue();
        assertThat(AnonymousAccess.LOOPBACK.permits(address("::1"))).isTrue();
        assertThat(AnonymousAccess.LOOPBACK.permits(address("::ffff:127.0.0.1"))).isTrue();
        assertThat(AnonymousAccess.LOOPBACK.permits(address("10.0.0.1"))).isFalse();
        assertThat(AnonymousAccess.LOOPBACK.permits(address("::ffff:10.0.0.1"))).isFalse();
        assertThat(AnonymousAccess.LOOPBACK.permits(address("fe80::1"))).isFalse();
        assertThat(AnonymousAccess.LOOPBACK.permits(null)).isFalse();
    }

    @Test
    void fullExecutor_answersServerBusy_withoutThrowing() {
        Executor full = r -> {
            throw new RejectedExecutionException("full");
        };
        AuthenticationChain busy = new AuthenticationChain(List.of(new BuiltInDatabaseAuthenticator(store)), Map.of(),
                AnonymousAccess.LOOPBACK, full);
        assertThat(busy.authenticate(creds("a", "b", LOOPBACK, "tcp:default")).join().reason())
                .isEqualTo(ReasonCode.SERVER_BUSY);
    }

    @Test
    void credentials_neverShowThePassword() {
        Credentials c = creds("alice", "topsecret", LOOPBACK, "tcp:default");
        assertThat(c.toString()).doesNotContain("topsecret").contains("present");
        c.wipe();
        assertThat(c.password()).containsOnly(0);
    }

    @Test
    void twoFactorListener_needsACertificateAndThePasswordOfTheCertificatesIdentity() {
        store.put(new UserRecord("dev", PasswordHashes.pbkdf2("pw".getBytes(StandardCharsets.UTF_8), 1000), false));
        AuthenticationChain tf = new AuthenticationChain(List.of(new BuiltInDatabaseAuthenticator(store)), Map.of(),
                AnonymousAccess.LOOPBACK, Runnable::run, java.util.Set.of("ssl:tf"), null, null);
        byte[] pw = "pw".getBytes(StandardCharsets.UTF_8);
        assertThat(tf.decide(new Credentials("c", "dev", pw, LOOPBACK, "ssl:tf", true, "dev", "dev")).allowed())
                .isTrue();
        assertThat(tf.decide(new Credentials("c", "dev", pw, LOOPBACK, "ssl:tf", false, null, null)).reason())
                .isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(tf.decide(new Credentials("c", null, null, LOOPBACK, "ssl:tf", true, "dev", "dev")).reason())
                .isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(tf.decide(new Credentials("c", "dev", pw, LOOPBACK, "ssl:tf", true, "other", "other")).reason())
                .isEqualTo(ReasonCode.NOT_AUTHORIZED);
        // elsewhere the certificate alone still suffices
        assertThat(tf.decide(new Credentials("c", null, null, LOOPBACK, "ssl:x", true, "dev", "dev")).allowed())
                .isTrue();
    }

    @Test
    void aMechanismThatNeverAnswers_givesBadCredentialsAfterTheTimeout() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        Authenticator stuck = new Authenticator() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public AuthResult authenticate(Credentials credentials) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return AuthResult.IGNORE;
            }
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            AuthenticationChain slow = new AuthenticationChain(List.of(stuck), Map.of(), AnonymousAccess.LOOPBACK,
                    pool, java.util.Set.of(), java.time.Duration.ofMillis(200), null);
            AuthOutcome o = slow.authenticate(creds("u", "p", LOOPBACK, "tcp:default"))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(o.reason()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertThat(o.decidedBy()).isEqualTo("stuck");
            assertThat(o.detail()).contains("200 ms");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listenerChain_overridesTheGlobalOne_andAnEmptyOneLeavesItToTheAnonymousRule() {
        store.put(new UserRecord("alice", PasswordHashes.pbkdf2("pw".getBytes(StandardCharsets.UTF_8), 1000), false));
        Authenticator devices = new Authenticator() {
            @Override
            public String name() {
                return "devices";
            }

            @Override
            public AuthResult authenticate(Credentials c) {
                return "token".equals(new String(c.password(), StandardCharsets.UTF_8)) ? AuthResult.allow(false)
                        : AuthResult.IGNORE;
            }
        };
        AuthenticationChain perListener = new AuthenticationChain(List.of(new BuiltInDatabaseAuthenticator(store)),
                Map.of("tcp:open", AnonymousAccess.ALLOW), AnonymousAccess.LOOPBACK, Runnable::run,
                java.util.Set.of(), null, null, Map.of("tcp:devices", List.of(devices), "tcp:open", List.of()));
        assertThat(perListener.decide(creds("alice", "pw", REMOTE, "tcp:default")).allowed()).isTrue();
        assertThat(perListener.decide(creds("alice", "pw", REMOTE, "tcp:devices")).reason())
                .as("the built-in store is not in the devices chain").isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(perListener.decide(creds("dev", "token", REMOTE, "tcp:devices")).decidedBy()).isEqualTo("devices");
        assertThat(perListener.decide(creds("dev", "token", REMOTE, "tcp:default")).allowed()).isFalse();
        AuthOutcome open = perListener.decide(creds("anyone", "anything", REMOTE, "tcp:open"));
        assertThat(open.allowed()).isTrue();
        assertThat(open.decidedBy()).isEqualTo("anonymous");
        assertThat(perListener.decide(creds("anyone", "anything", REMOTE, "tcp:other")).allowed()).isFalse();
    }
}
