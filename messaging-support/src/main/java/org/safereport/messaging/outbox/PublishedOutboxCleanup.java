package org.safereport.messaging.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * Removes outbox rows some days after they were published (issue 15). A published row holds no payload,
 * only that an event about a report or case went out (ids, topic, times): kept {@code outbox.published-kept}
 * (default three days) to follow up a delivery, then gone, so that the outbox does not outlive what it was about.
 */
@ApplicationScoped
public class PublishedOutboxCleanup {

    private static final Logger LOG = Logger.getLogger(PublishedOutboxCleanup.class);

    private final Clock clock;
    private final Duration kept;

    public PublishedOutboxCleanup(Clock clock, @ConfigProperty(name = "outbox.published-kept", defaultValue = "P3D") Duration kept) {
        this.clock = clock;
        this.kept = kept;
    }

    @Scheduled(every = "${outbox.cleanup-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRemoval() {
        long removed = removePublished();
        if (removed > 0) {
            LOG.infof("Retention: removed %d outbox row(s) published more than %s ago", removed, kept);
        }
    }

    /** @return how many rows were removed */
    @Transactional
    public long removePublished() {
        return OutboxMessage.delete("publishedAt < ?1", clock.instant().minus(kept));
    }
}
