package org.safereport.messaging.consumer;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedeliveryTest {

    private static final int MAX_ATTEMPTS = 3;

    private final Redelivery redelivery = new Redelivery(Duration.ofMillis(1), Duration.ofMillis(5), MAX_ATTEMPTS);

    @Test
    void aPassingFailureIsRetriedUntilHandled() {
        AtomicInteger attempts = new AtomicInteger();
        redelivery.untilHandled("a record", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("could not commit", new SQLException("Connection refused", "08001"));
            }
        });
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aDatabaseOutOfReachIsWaitedOutHoweverManyAttemptsItTakes() {
        AtomicInteger attempts = new AtomicInteger();
        redelivery.untilHandled("report SM-7KQ4-2M9X", () -> {
            if (attempts.incrementAndGet() <= MAX_ATTEMPTS * 3) {
                throw new IllegalStateException("could not commit", new SQLException("the database system is shutting down", "57P03"));
            }
        });
        assertThat(attempts).hasValue(MAX_ATTEMPTS * 3 + 1);
    }

    @Test
    void aFailureThatComesBackOnEveryAttemptIsDeadLetteredAfterTheLast() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> redelivery.untilHandled("report SM-7KQ4-2M9X", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("could not route", new IllegalArgumentException("no one to route to but dsl@example.org"));
        })).isInstanceOfSatisfying(DeadLetterException.class, e -> assertThat(e.reason()).isEqualTo(DeadLetterException.Reason.KEPT_FAILING))
                .hasMessage("report SM-7KQ4-2M9X failed on 3 attempts: IllegalArgumentException: no one to route to but <address>")
                .hasNoCause();
        assertThat(attempts).hasValue(MAX_ATTEMPTS);
    }

    @Test
    void dataTheDatabaseRefusesIsNotRetriedButDeadLettered() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> redelivery.untilHandled("report SM-TOO-LONG", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("could not execute statement",
                    new SQLException("value too long for type character varying(12)", "22001"));
        })).isInstanceOfSatisfying(DeadLetterException.class, e -> assertThat(e.reason()).isEqualTo(DeadLetterException.Reason.REFUSED_DATA))
                .hasMessageContaining("report SM-TOO-LONG").hasMessageContaining("22001");
        assertThat(attempts).hasValue(1);
    }
}
