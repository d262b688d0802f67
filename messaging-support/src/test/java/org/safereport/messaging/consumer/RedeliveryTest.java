package org.safereport.messaging.consumer;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedeliveryTest {

    private final Redelivery redelivery = new Redelivery(Duration.ofMillis(1), Duration.ofMillis(5));

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
    void dataTheDatabaseRefusesIsNotRetriedButDeadLettered() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> redelivery.untilHandled("report SM-TOO-LONG", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("could not execute statement",
                    new SQLException("value too long for type character varying(12)", "22001"));
        })).isInstanceOf(UnreadableMessageException.class).hasMessageContaining("report SM-TOO-LONG").hasMessageContaining("22001");
        assertThat(attempts).hasValue(1);
    }
}
