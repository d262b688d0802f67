package org.safereport.notification.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.notification.config.NotificationConfig;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.notification.persistence.Delivery;

import java.time.Clock;
import java.util.List;

/**
 * Removes deliveries that have ended, sent or given up, once {@code notification.ended-deliveries-kept} has
 * passed since they were requested (issue 15). Until then they answer "was it sent, and what is its id at the
 * provider"; after, the case's own timeline in the escalation service keeps how each delivery ended.
 */
@ApplicationScoped
public class EndedDeliveries {

    private static final Logger LOG = Logger.getLogger(EndedDeliveries.class);
    private static final List<DeliveryState> ENDED = List.of(DeliveryState.SENT, DeliveryState.FAILED_PERMANENT);

    private final NotificationConfig config;
    private final Clock clock;

    EndedDeliveries(NotificationConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${notification.ended-deliveries-check-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRemoval() {
        long removed = remove();
        if (removed > 0) {
            LOG.infof("Retention: removed %d ended delivery row(s) requested more than %s ago", removed, config.endedDeliveriesKept());
        }
    }

    /**
     * Counted from the request: a delivery ends within hours of it (its attempts and their backoff), far
     * inside the days it is kept.
     *
     * @return how many were removed
     */
    @Transactional
    public long remove() {
        return Delivery.delete("state in ?1 and createdAt < ?2", ENDED, clock.instant().minus(config.endedDeliveriesKept()));
    }
}
