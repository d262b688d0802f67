package org.safereport.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final RetryPolicy retries = new RetryPolicy(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)), 3);

    @Test
    void transientFailureIsRetriedAfterABackoffThatGrowsWithJitter() {
        Random random = new Random(7);
        RetryPolicy.Decision first = retries.afterFailure(1, AttemptOutcome.Failed.transientFailure("421"), NOW, random);
        RetryPolicy.Decision second = retries.afterFailure(2, AttemptOutcome.Failed.transientFailure("421"), NOW, random);
        assertThat(first.state()).isEqualTo(DeliveryState.FAILED_TRANSIENT);
        assertThat(Duration.between(NOW, first.nextAttemptAt())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(Duration.between(NOW, second.nextAttemptAt())).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void backoffIsCappedAtTheMaximum() {
        Duration wait = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)).afterAttempt(30, new Random(1));
        assertThat(wait).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
    }

    @Test
    void lastAllowedAttemptGivesUpAndSaysSo() {
        RetryPolicy.Decision decision = retries.afterFailure(3, AttemptOutcome.Failed.transientFailure("HTTP 503"), NOW, new Random());
        assertThat(decision.isFinal()).isTrue();
        assertThat(decision.nextAttemptAt()).isNull();
        assertThat(decision.reason()).isEqualTo("gave up after 3 attempts; last: HTTP 503");
    }

    @Test
    void permanentFailureIsNeverRetried() {
        RetryPolicy.Decision decision = retries.afterFailure(1, AttemptOutcome.Failed.permanent("SMTP 550"), NOW, new Random());
        assertThat(decision.state()).isEqualTo(DeliveryState.FAILED_PERMANENT);
    }
}
