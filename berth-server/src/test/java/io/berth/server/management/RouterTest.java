package io.berth.server.management;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RouterTest {

    private final Router router = new Router()
            .add("GET", "/api/v5/listeners", r -> ApiResponse.ok("all"), false)
            .add("GET", "/api/v5/listeners/{id}", r -> ApiResponse.ok(r.param("id")), false)
            .add("POST", "/api/v5/listeners/{id}/{action}", r -> ApiResponse.ok("any"), false)
            .add("POST", "/api/v5/listeners/{id}/start", r -> ApiResponse.ok("start"), true);

    @Test
    void match_bindsPathSegmentsAndDecodesThem() {
        Router.Match m = router.match("GET", "/api/v5/listeners/tcp%3Adefault");
        assertThat(m.params()).isEqualTo(Map.of("id", "tcp:default"));
        assertThat(m.route().blocking()).isFalse();
    }

    @Test
    void match_prefersLiteralSegmentsOverParameters() {
        Router.Match m = router.match("POST", "/api/v5/listeners/tcp:default/start");
        assertThat(m.route().blocking()).isTrue();
        assertThat(router.match("POST", "/api/v5/listeners/tcp:default/stop").route().blocking()).isFalse();
    }

    @Test
    void match_toleratesATrailingSlash() {
        assertThat(router.match("GET", "/api/v5/listeners/").params()).isEmpty();
    }

    @Test
    void unknownPath_is404_otherMethod_is405() {
        ApiException notFound = catchThrowableOfType(ApiException.class, () -> router.match("GET", "/nope"));
        assertThat(notFound.response().status()).isEqualTo(404);
        ApiException notAllowed = catchThrowableOfType(ApiException.class,
                () -> router.match("DELETE", "/api/v5/listeners"));
        assertThat(notAllowed.response().status()).isEqualTo(405);
        assertThat(notAllowed.getMessage()).contains("GET");
        ApiException emptySegment = catchThrowableOfType(ApiException.class,
                () -> router.match("GET", "/api/v5/listeners//x"));
        assertThat(emptySegment.response().status()).isEqualTo(404);
    }
}
