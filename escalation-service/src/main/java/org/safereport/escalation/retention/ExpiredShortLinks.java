package org.safereport.escalation.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.persistence.ShortLink;

import java.time.Clock;

/** Removes short links once their acknowledgement link has expired: past that they lead nowhere. */
@ApplicationScoped
public class ExpiredShortLinks {

    private static final Logger LOG = Logger.getLogger(ExpiredShortLinks.class);

    private final Clock clock;

    ExpiredShortLinks(Clock clock) {
        this.clock = clock;
    }

    @Scheduled(every = "${escalation.retention.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRemoval() {
        long removed = remove();
        if (removed > 0) {
            LOG.infof("Retention: removed %d expired short link(s)", removed);
        }
    }

    /** @return how many were removed */
    @Transactional
    public long remove() {
        return ShortLink.delete("expiresAt <= ?1", clock.instant());
    }
}
