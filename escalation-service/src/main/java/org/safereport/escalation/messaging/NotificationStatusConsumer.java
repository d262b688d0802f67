package org.safereport.escalation.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.escalation.deadlines.DeadlineEngine;
import org.safereport.escalation.deliveries.DeliveryOutcomes;
import org.safereport.events.notification.NotificationStatusV1;
import org.safereport.messaging.consumer.EventReader;

/**
 * Records how each notification was delivered, on the case's timeline; when every channel of a step has
 * failed for good, its deadline is brought forward and the deadline engine is woken, once that is committed,
 * so that the next person is told at once.
 */
@ApplicationScoped
public class NotificationStatusConsumer {

    private final EventReader events;
    private final DeliveryOutcomes outcomes;
    private final DeadlineEngine deadlines;

    NotificationStatusConsumer(EventReader events, DeliveryOutcomes outcomes, DeadlineEngine deadlines) {
        this.events = events;
        this.outcomes = outcomes;
        this.deadlines = deadlines;
    }

    @Incoming("notifications-status")
    @Blocking
    public void onNotificationStatus(ConsumerRecord<String, String> record) {
        events.handle(record, NotificationStatusV1.class, status -> {
            if (outcomes.record(status)) {
                deadlines.wake();
            }
        });
    }
}
