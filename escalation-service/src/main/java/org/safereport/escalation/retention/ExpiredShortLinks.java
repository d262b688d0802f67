package org.safereport.escalation.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.safereport.escalation.persistence.ShortLink;

import java.time.Clock;

/** Removes short links once their acknowledgement link has expired: past that they lead nowhere. */
@ApplicationScoped
public class ExpiredShortLinks {

    private final Clock clock;

    ExpiredShortLinks(Clock clock) {
        this.clock = clock;
    }

    @Scheduled(every = "${escalation.retention.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRemoval() {
        remove();
    }

    /** @return how many were removed */
    @Transactional
    public long remove() {
        return ShortLink.delete("expiresAt <= ?1", clock.instant());
    }
}
