package org.safereport.escalation.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.escalation.cases.CaseOpening;
import org.safereport.events.ReportSubmittedV1;
import org.safereport.messaging.consumer.EventReader;

/** Opens a case for each submitted report; a redelivered event opens nothing new. */
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
    public void onReportSubmitted(ConsumerRecord<String, String> record) {
        events.handle(record, ReportSubmittedV1.class, opening::open);
    }
}
