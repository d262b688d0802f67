package org.safereport.notification.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.messaging.consumer.EventReader;
import org.safereport.notification.persistence.DeliveryStore;

/** Stores each notification request; the dispatcher sends it once it is committed. */
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
    public void onNotificationRequested(ConsumerRecord<String, String> record) {
        events.handle(record, NotificationRequestedV1.class, request -> deliveries.accept(request, record.value()));
    }
}
