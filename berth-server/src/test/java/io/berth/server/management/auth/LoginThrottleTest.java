package io.berth.server.management.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final TestClock clock = new TestClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), Duration.ofMinutes(10), clock);

    @Test
    void afterMaxFailuresWithinTheInterval_thePairIsLockedForTheLockDuration() {
        assertThat(throttle.failed("admin", "10.0.0.1")).isFalse();
        assertThat(throttle.failed("admin", "10.0.0.1")).isFalse();
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).isZero();

        assertThat(throttle.failed("admin", "10.0.0.1")).isTrue();

        assertThat(throttle.lockedFor("admin", "10.0.0.1")).isEqualTo(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(4));
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).isEqualTo(Duration.ofMinutes(6));
        clock.advance(Duration.ofMinutes(6));
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).isZero();
    }

    @Test
    void otherAddressesAndUsernames_areNotLocked() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.2")).isZero();
        assertThat(throttle.lockedFor("ops", "10.0.0.1")).isZero();
    }

    @Test
    void failuresOlderThanTheInterval_doNotCount() {
        throttle.failed("admin", "10.0.0.1");
        throttle.failed("admin", "10.0.0.1");
        clock.advance(Duration.ofMinutes(6));
        assertThat(throttle.failed("admin", "10.0.0.1")).isFalse();
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).isZero();
    }

    @Test
    void aSuccess_clearsTheCount() {
        throttle.failed("admin", "10.0.0.1");
        throttle.failed("admin", "10.0.0.1");
        throttle.succeeded("admin", "10.0.0.1");
        assertThat(throttle.failed("admin", "10.0.0.1")).isFalse();
    }
}
