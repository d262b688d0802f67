package org.safereport.intake.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.events.CaseStatusV1;
import org.safereport.intake.persistence.StatusStore;
import org.safereport.messaging.consumer.EventReader;

import java.util.concurrent.CompletionStage;

/** Keeps each report's status page up to date from {@code cases.status.v1}, a poll's updates in one transaction. */
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
    public CompletionStage<Void> onCaseStatuses(KafkaRecordBatch<String, String> batch) {
        return events.handleBatch(batch, CaseStatusV1.class, (status, json) -> statuses.apply(status));
    }
}
