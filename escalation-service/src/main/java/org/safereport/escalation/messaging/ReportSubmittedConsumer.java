package org.safereport.escalation.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.escalation.cases.CaseOpening;
import org.safereport.events.ReportSubmittedV1;
import org.safereport.messaging.consumer.EventReader;

import java.util.concurrent.CompletionStage;

/** Opens a case for each submitted report, a poll's reports in one transaction; a redelivered event opens nothing new. */
@ApplicationScoped
public class ReportSubmittedConsumer {

    private final EventReader events;
    private final CaseOpening opening;

    ReportSubmittedConsumer(EventReader events, CaseOpening opening) {
        this.events = events;
        this.opening = opening;
    }

    @Incoming("reports-submitted")
    @Blocking
    public CompletionStage<Void> onReportsSubmitted(KafkaRecordBatch<String, String> batch) {
        return events.handleBatch(batch, ReportSubmittedV1.class, (report, json) -> opening.open(report));
    }
}
