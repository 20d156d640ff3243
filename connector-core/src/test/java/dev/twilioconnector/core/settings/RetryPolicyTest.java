package dev.twilioconnector.core.settings;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1));

    @RepeatedTest(20)
    void backoffIsJitteredWithinTheDoublingCeiling() {
        assertThat(policy.delayAfter(1, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(policy.delayAfter(2, null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(policy.delayAfter(3, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(policy.delayAfter(4, null)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @RepeatedTest(20)
    void backoffNeverExceedsMaximum() {
        assertThat(policy.delayAfter(5, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(policy.delayAfter(30, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(policy.delayAfter(Integer.MAX_VALUE, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanBackoff() {
        assertThat(policy.delayAfter(1, Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(700));
    }

    @RepeatedTest(10)
    void shortRetryAfterDoesNotShortenBackoff() {
        assertThat(policy.delayAfter(2, Duration.ZERO)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void retryAfterIsCappedAtMaximum() {
        assertThat(policy.delayAfter(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void zeroBackoffMeansNoWait() {
        RetryPolicy immediate = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);
        assertThat(immediate.delayAfter(1, null)).isZero();
        assertThat(immediate.delayAfter(2, Duration.ofSeconds(5))).isZero();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
    }
}
