package io.berth.it.authn;

import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.server.config.HttpAuthConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP authentication hook against a real HTTP server started in the test: allow, deny, ignore (the next
 * mechanism decides), a slow service (request_timeout, then on_error), a service that is down, the result cache and
 * the chain's own timeout.
 */
class HttpAuthenticationIT {

    @TempDir
    static Path dir;

    static HttpServer service;
    static ExecutorService serviceThreads;
    static final CountDownLatch releaseSlow = new CountDownLatch(1);
    static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    static final Map<String, Map<String, Object>> lastBody = new ConcurrentHashMap<>();
    static EmbeddedBroker broker;
    static EmbeddedBroker strict;
    static EmbeddedBroker down;
    static EmbeddedBroker shortChain;
    static EmbeddedBroker get;

    @BeforeAll
    static void start() throws IOException {
        serviceThreads = Executors.newCachedThreadPool();
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/auth", HttpAuthenticationIT::handle);
        service.createContext("/get", HttpAuthenticationIT::handleGet);
        service.setExecutor(serviceThreads);
        service.start();
        URI url = URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/auth");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort + "/auth");
        for (String d : List.of("a", "s", "d", "t", "g")) {
            FileUserStore users = new FileUserStore(dir.resolve(d).resolve("users.passwd"));
            users.put(new UserRecord("carol", PasswordHashes.pbkdf2("carol-pw".getBytes(StandardCharsets.UTF_8),
                    1000), false));
        }
        HttpAuthConfig http = HttpAuthConfig.post(url).withRequestTimeout(Duration.ofMillis(500))
                .withBody(Map.of("username", "${username}", "password", "${password}", "clientid", "${clientid}",
                        "peerhost", "${peerhost}"));
        broker = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("a")).withAuthentication(c.authentication()
                .withHttp(http).withChain(List.of("http", "built_in_database"))));
        strict = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("s")).withAuthentication(c.authentication()
                .withHttp(http.withDenyOnError(true).withCacheTtl(Duration.ofMinutes(1))
                        .withBody(Map.of("username", "${username}", "password", "${password}")))
                .withChain(List.of("http", "built_in_database"))));
        down = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("d")).withAuthentication(c.authentication()
                .withHttp(HttpAuthConfig.post(nobody)).withChain(List.of("http", "built_in_database"))));
        shortChain = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("t")).withAuthentication(c.authentication()
                .withHttp(http.withRequestTimeout(Duration.ofSeconds(20))).withTimeout(Duration.ofMillis(500))));
        URI getUrl = URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/get?v=1");
        get = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("g")).withAuthentication(c.authentication()
                .withHttp(HttpAuthConfig.post(getUrl).withGet())));
    }

    @AfterAll
    static void stop() {
        releaseSlow.countDown();
        for (EmbeddedBroker b : new EmbeddedBroker[] {broker, strict, down, shortChain, get}) {
            if (b != null) {
                b.close();
            }
        }
        service.stop(0);
        serviceThreads.shutdownNow();
    }

    private static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> json;
            try {
                json = JSONObjectUtils.parse(body);
            } catch (java.text.ParseException e) {
                ex.sendResponseHeaders(400, -1);
                return;
            }
            String user = String.valueOf(json.get("username"));
            requests.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
            lastBody.put(user, json);
            String password = String.valueOf(json.get("password"));
            switch (user) {
                case "allow-u" -> reply(ex, "{\"result\": \"" + (password.equals("pw") ? "allow" : "deny") + "\"}");
                case "root" -> reply(ex, "{\"result\": \"allow\", \"is_superuser\": true}");
                case "nocontent" -> ex.sendResponseHeaders(204, -1);
                case "deny-u" -> reply(ex, "{\"result\": \"deny\"}");
                case "broken" -> ex.sendResponseHeaders(500, -1);
                case "slow" -> {
                    try {
                        releaseSlow.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    reply(ex, "{\"result\": \"allow\"}");
                }
                default -> reply(ex, "{\"result\": \"ignore\"}");
            }
        }
    }

    /** GET: the fields arrive as query parameters, after the URL's own. */
    private static void handleGet(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = new java.util.LinkedHashMap<>();
            for (String pair : ex.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
            boolean ok = ex.getRequestMethod().equals("GET") && "1".equals(q.get("v"))
                    && "get user".equals(q.get("username")) && "p&w".equals(q.get("password"));
            reply(ex, "{\"result\": \"" + (ok ? "allow" : "deny") + "\"}");
        }
    }

    private static void reply(HttpExchange ex, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
    }

    static void connect5(EmbeddedBroker b, String user, String password) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("http-" + UUID.randomUUID())
                .serverHost(b.host()).serverPort(b.port()).buildBlocking();
        c.connectWith().simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        c.disconnect();
    }

    static void refused5(EmbeddedBroker b, String user, String password, Mqtt5ConnAckReasonCode code) {
        assertThatThrownBy(() -> connect5(b, user, password)).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(code));
    }

    @Test
    void allow_connects_andTheBodyCarriesThePlaceholders() {
        connect5(broker, "allow-u", "pw");
        Map<String, Object> body = lastBody.get("allow-u");
        assertThat(body).containsEntry("password", "pw").containsEntry("peerhost", "127.0.0.1");
        assertThat(String.valueOf(body.get("clientid"))).startsWith("http-");
    }

    @Test
    void status204_allows() {
        connect5(broker, "nocontent", "x");
    }

    @Test
    void deny_isRefusedWith0x87_MQTT5_andReturnCode5_MQTT311() {
        refused5(broker, "deny-u", "x", Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        refused5(broker, "allow-u", "wrong", Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        var c = Mqtt3Client.builder().identifier("http3-" + UUID.randomUUID()).serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        assertThatThrownBy(() -> c.connectWith().simpleAuth().username("deny-u")
                .password("x".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send())
                .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(e.getMqttMessage()
                        .getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED));
    }

    @Test
    void ignore_letsTheNextMechanismDecide() {
        connect5(broker, "carol", "carol-pw"); // the service ignores carol; the built-in store knows her
        refused5(broker, "carol", "wrong", Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(requests.get("carol").get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void slowService_timesOut_andIsIgnoredByDefault() {
        try (LogCapture log = LogCapture.of("io.berth.server.auth.HttpAuthenticator")) {
            refused5(broker, "slow", "x", Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD); // unknown to the store
            assertThat(log.messages()).anyMatch(m -> m.contains("authentication.http_error")
                    && m.contains("no answer within 500 ms") && m.contains("answer=ignore"));
        }
    }

    @Test
    void serviceError_withOnErrorDeny_isRefused_evenForAUserTheStoreKnows() {
        refused5(strict, "broken", "x", Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        requests.remove("carol");
        connect5(strict, "carol", "carol-pw"); // the service ignores: the store decides
        connect5(strict, "carol", "carol-pw"); // answered from the cache
        assertThat(requests.get("carol").get()).isEqualTo(1);
    }

    @Test
    void serviceDown_isIgnored_soTheNextMechanismDecides() {
        try (LogCapture log = LogCapture.of("io.berth.server.auth.HttpAuthenticator")) {
            connect5(down, "carol", "carol-pw");
            assertThat(log.messages()).anyMatch(m -> m.contains("authentication.http_error")
                    && m.contains("unreachable"));
        }
    }

    @Test
    void chainTimeout_refusesWith0x86_insteadOfHanging() {
        try (LogCapture log = LogCapture.of("event.connection")) {
            long start = System.nanoTime();
            refused5(shortChain, "slow", "x", Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(log.messages()).anyMatch(m -> m.contains("by=http") && m.contains("no answer within 500 ms"));
        }
    }

    @Test
    void get_sendsTheFieldsAsQueryParameters() {
        connect5(get, "get user", "p&w");
        refused5(get, "get user", "other", Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    }
}
