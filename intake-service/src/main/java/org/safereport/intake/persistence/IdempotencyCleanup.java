package org.safereport.intake.persistence;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.safereport.intake.config.IntakeConfig;

import java.time.Clock;

/** Forgets first answers older than the retry window, sealed receipt codes with them. */
@ApplicationScoped
public class IdempotencyCleanup {

    private final IntakeConfig config;
    private final Clock clock;

    IdempotencyCleanup(IntakeConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyHour() {
        forgetExpired();
    }

    /** @return how many were forgotten */
    @Transactional
    public long forgetExpired() {
        return IdempotencyRecord.delete("createdAt < ?1", clock.instant().minus(config.idempotencyRetention()));
    }
}
