package org.safereport.escalation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.escalation.persistence.DeadlineEngine;
import org.safereport.escalation.persistence.DeliveryOutcomes;
import org.safereport.messaging.consumer.Redelivery;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records how each notification was delivered, on the case's timeline; when every channel of a step has
 * failed for good, its deadline is brought forward so that the next person is told at once.
 */
@ApplicationScoped
public class NotificationStatusConsumer {

    private final ObjectMapper objectMapper;
    private final DeliveryOutcomes outcomes;
    private final DeadlineEngine deadlines;
    private final Redelivery redelivery;

    NotificationStatusConsumer(ObjectMapper objectMapper, DeliveryOutcomes outcomes, DeadlineEngine deadlines,
                               Redelivery redelivery) {
        this.objectMapper = objectMapper;
        this.outcomes = outcomes;
        this.deadlines = deadlines;
        this.redelivery = redelivery;
    }

    @Incoming("notifications-status")
    @Blocking
    public void onNotificationStatus(String payload) {
        NotificationStatus status = EventReader.read(objectMapper, payload, NotificationStatus.class, NotificationStatus::problem);
        AtomicBoolean stepUnreachable = new AtomicBoolean();
        redelivery.untilHandled("notification " + status.requestId(), () -> stepUnreachable.set(outcomes.record(status)));
        if (stepUnreachable.get()) {
            deadlines.wake();
        }
    }
}
