package org.safereport.escalation.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.escalation.deliveries.DeliveryOutcomes;
import org.safereport.events.notification.NotificationStatusV1;
import org.safereport.messaging.consumer.EventReader;

import java.util.concurrent.CompletionStage;

/**
 * Records how each notification was delivered, on the case's timeline, a poll's outcomes in one transaction;
 * when every channel of a step has failed for good, its deadline is brought forward and the next person is
 * told as soon as that is committed ({@link DeliveryOutcomes}).
 */
@ApplicationScoped
public class NotificationStatusConsumer {

    private final EventReader events;
    private final DeliveryOutcomes outcomes;

    NotificationStatusConsumer(EventReader events, DeliveryOutcomes outcomes) {
        this.events = events;
        this.outcomes = outcomes;
    }

    @Incoming("notifications-status")
    @Blocking
    public CompletionStage<Void> onNotificationStatuses(KafkaRecordBatch<String, String> batch) {
        return events.handleBatch(batch, NotificationStatusV1.class, (status, json) -> outcomes.record(status));
    }
}
