package io.berth.server.management.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TokenStoreTest {

    private final TestClock clock = new TestClock();
    private final TokenStore tokens = new TokenStore(Duration.ofMinutes(60), clock);

    @Test
    void token_is256RandomBits_andFindsItsLogin() {
        String a = tokens.issue("admin", Role.ADMINISTRATOR);
        String b = tokens.issue("admin", Role.ADMINISTRATOR);

        assertThat(Base64.getUrlDecoder().decode(a)).hasSize(32);
        assertThat(a).isNotEqualTo(b);
        assertThat(tokens.find(a)).hasValueSatisfying(l -> {
            assertThat(l.username()).isEqualTo("admin");
            assertThat(l.role()).isEqualTo(Role.ADMINISTRATOR);
        });
        assertThat(tokens.find("nope")).isEmpty();
        assertThat(tokens.find(null)).isEmpty();
    }

    @Test
    void token_expiresAfterTheTtl() {
        String t = tokens.issue("viewer1", Role.VIEWER);
        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.find(t)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.find(t)).isEmpty();
    }

    @Test
    void revoke_endsOneToken_revokeUser_endsAllOfAUser() {
        String a1 = tokens.issue("a", Role.ADMINISTRATOR);
        String a2 = tokens.issue("a", Role.ADMINISTRATOR);
        String b = tokens.issue("b", Role.VIEWER);

        assertThat(tokens.revoke(a1)).isTrue();
        assertThat(tokens.find(a1)).isEmpty();
        assertThat(tokens.find(a2)).isPresent();

        tokens.revokeUser("a");
        assertThat(tokens.find(a2)).isEmpty();
        assertThat(tokens.find(b)).isPresent();
    }

    @Test
    void expiredTokens_areForgottenAtTheNextLogin() {
        for (int i = 0; i < 5; i++) {
            tokens.issue("a", Role.ADMINISTRATOR);
        }
        clock.advance(Duration.ofHours(2));
        tokens.issue("a", Role.ADMINISTRATOR);
        assertThat(tokens.size()).isEqualTo(1);
    }
}
