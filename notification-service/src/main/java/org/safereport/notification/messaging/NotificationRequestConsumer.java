package org.safereport.notification.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.messaging.consumer.Redelivery;
import org.safereport.messaging.consumer.UnreadableMessageException;
import org.safereport.notification.domain.PersonalData;
import org.safereport.notification.persistence.DeliveryStore;

import java.io.IOException;

/** Stores each notification request; the dispatcher sends it once it is committed. */
@ApplicationScoped
public class NotificationRequestConsumer {

    private final ObjectMapper objectMapper;
    private final DeliveryStore deliveries;
    private final Redelivery redelivery;

    NotificationRequestConsumer(ObjectMapper objectMapper, DeliveryStore deliveries, Redelivery redelivery) {
        this.objectMapper = objectMapper;
        this.deliveries = deliveries;
        this.redelivery = redelivery;
    }

    @Incoming("notifications-requested")
    @Blocking
    public void onNotificationRequested(String payload) {
        NotificationRequested request = read(payload);
        redelivery.untilHandled("notification " + request.requestId(), () -> deliveries.accept(request, payload));
    }

    private NotificationRequested read(String payload) {
        NotificationRequested request;
        try {
            request = objectMapper.readValue(payload, NotificationRequested.class);
        } catch (IOException | IllegalArgumentException e) {
            // The reason travels in the dead-letter record's header and the log: no address or number from the payload.
            throw new UnreadableMessageException(PersonalData.redact("not a readable notification.requested event: "
                    + e.getMessage()), null);
        }
        String problem = request == null ? "empty message" : request.problem();
        if (problem != null) {
            throw new UnreadableMessageException(PersonalData.redact(problem), null);
        }
        return request;
    }
}
