package org.safereport.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.notification.messaging.NotificationRequested;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.UUID;

/** Records a notification request as one delivery per channel, once, whatever the redelivery. */
@ApplicationScoped
public class DeliveryStore {

    private static final Logger LOG = Logger.getLogger(DeliveryStore.class);

    private final Event<DeliveriesAccepted> accepted;
    private final Clock clock;

    DeliveryStore(Event<DeliveriesAccepted> accepted, Clock clock) {
        this.accepted = accepted;
        this.clock = clock;
    }

    /** Fired in the accepting transaction; the dispatcher starts on them after the commit. */
    public record DeliveriesAccepted() {
    }

    @Transactional
    public void accept(NotificationRequested request, String requestJson) {
        Instant now = clock.instant();
        int added = 0;
        for (String channel : new LinkedHashSet<>(request.channels())) {
            // The unique (request_id, channel) constraint is the guarantee; this check spares a failed insert.
            if (Delivery.count("requestId = ?1 and channel = ?2", request.requestId(), channel) > 0) {
                continue;
            }
            Delivery delivery = new Delivery();
            delivery.id = UUID.randomUUID();
            delivery.requestId = request.requestId();
            delivery.channel = channel;
            delivery.caseReference = request.caseReference();
            delivery.template = request.template();
            delivery.request = requestJson;
            delivery.state = DeliveryState.PENDING;
            delivery.nextAttemptAt = now;
            delivery.createdAt = now;
            delivery.persist();
            added++;
        }
        if (added > 0) {
            LOG.infof("Notification %s (%s) for case %s accepted on %s", request.requestId(), request.template(),
                    request.caseReference(), String.join(" and ", new LinkedHashSet<>(request.channels())));
            accepted.fire(new DeliveriesAccepted());
        } else {
            LOG.infof("Notification %s for case %s was already accepted: nothing more to send", request.requestId(),
                    request.caseReference());
        }
    }
}
