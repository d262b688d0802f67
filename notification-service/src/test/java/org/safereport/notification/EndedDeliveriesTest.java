package org.safereport.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.safereport.messaging.outbox.PublishedOutboxCleanup;
import org.safereport.notification.retention.EndedDeliveries;
import org.safereport.notification.support.Deliveries;
import org.safereport.notification.support.Requests;
import org.safereport.notification.support.SmsProviderTestResource;
import org.safereport.notification.support.StatusEvents;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.SmtpTestResource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: a delivery that has ended is removed once the days it is kept have passed since its request,
 * and a published outbox row (its status event) once the days the outbox keeps them have passed; newer ones
 * stay. Time is moved by ageing the rows, as the service's clock would see them days later.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmsProviderTestResource.class, scope = TestResourceScope.GLOBAL)
class EndedDeliveriesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    EndedDeliveries endedDeliveries;

    @Inject
    PublishedOutboxCleanup outboxCleanup;

    @Inject
    EntityManager entityManager;

    @Test
    void endedDeliveriesAndPublishedOutboxRowsGoOnceTheirDaysHavePassed() {
        Requests old = Requests.newCase("SM-0LD0-DEL1").channels("EMAIL").send();
        Requests recent = Requests.newCase("SM-NEW0-DEL1").channels("EMAIL").send();
        StatusEvents.await(old.requestId(), 1, StatusEvents.sent(), TIMEOUT);
        StatusEvents.await(recent.requestId(), 1, StatusEvents.sent(), TIMEOUT);

        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createQuery("update Delivery set createdAt = ?1 where requestId = ?2")
                    .setParameter(1, eightDaysAgo).setParameter(2, old.requestId()).executeUpdate();
            entityManager.createQuery("update OutboxMessage set publishedAt = ?1 where key = ?2")
                    .setParameter(1, eightDaysAgo).setParameter(2, old.requestId().toString()).executeUpdate();
        });

        assertThat(endedDeliveries.remove()).isPositive();
        assertThat(outboxCleanup.removePublished()).isPositive();

        assertThat(Deliveries.ofRequest(old.requestId())).as("ended eight days ago").isEmpty();
        assertThat(Deliveries.ofRequest(recent.requestId())).as("ended just now").hasSize(1);
        assertThat(outboxRows(old.requestId())).as("published eight days ago").isZero();
        assertThat(outboxRows(recent.requestId())).as("published just now").isPositive();
    }

    private long outboxRows(UUID requestId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select count(m) from OutboxMessage m where m.key = ?1", Long.class)
                .setParameter(1, requestId.toString()).getSingleResult());
    }
}
