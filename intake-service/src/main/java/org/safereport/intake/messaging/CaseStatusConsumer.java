package org.safereport.intake.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.events.CaseStatusV1;
import org.safereport.intake.persistence.StatusStore;
import org.safereport.messaging.consumer.EventReader;

/** Keeps each report's status page up to date from {@code cases.status.v1}. */
@ApplicationScoped
public class CaseStatusConsumer {

    private final EventReader events;
    private final StatusStore statuses;

    CaseStatusConsumer(EventReader events, StatusStore statuses) {
        this.events = events;
        this.statuses = statuses;
    }

    @Incoming("cases-status")
    @Blocking
    public void onCaseStatus(ConsumerRecord<String, String> record) {
        events.handle(record, CaseStatusV1.class, statuses::apply);
    }
}
