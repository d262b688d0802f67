package org.safereport.escalation.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.safereport.escalation.domain.CaseState;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many cases are overdue: the chain has run out and nobody has acknowledged, so a young person may be
 * waiting. Counted in the database (every replica sees every case) at an interval rather than at every
 * scrape, so that a scrape never waits on the database.
 */
@ApplicationScoped
public class CaseGauges {

    private final EntityManager entityManager;
    private final AtomicLong overdue = new AtomicLong();

    CaseGauges(EntityManager entityManager, MeterRegistry meters) {
        this.entityManager = entityManager;
        meters.gauge("escalation.cases.overdue", overdue);
    }

    @Scheduled(every = "${escalation.gauge-refresh-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void refresh() {
        overdue.set(QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select count(c) from EscalationCase c where c.state = :state", Long.class)
                .setParameter("state", CaseState.OVERDUE).getSingleResult()));
    }
}
