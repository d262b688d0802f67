package org.safereport.notification.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.messaging.consumer.EventReader;
import org.safereport.notification.persistence.DeliveryStore;

import java.util.concurrent.CompletionStage;

/** Stores each notification request, a poll's requests in one transaction; the dispatcher sends them once committed. */
@ApplicationScoped
public class NotificationRequestConsumer {

    private final EventReader events;
    private final DeliveryStore deliveries;

    NotificationRequestConsumer(EventReader events, DeliveryStore deliveries) {
        this.events = events;
        this.deliveries = deliveries;
    }

    @Incoming("notifications-requested")
    @Blocking
    public CompletionStage<Void> onNotificationsRequested(KafkaRecordBatch<String, String> batch) {
        return events.handleBatch(batch, NotificationRequestedV1.class, deliveries::accept);
    }
}
