package org.safereport.escalation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.escalation.persistence.CaseStore;
import org.safereport.messaging.consumer.Redelivery;


/** Opens a case for each submitted report; a redelivered event opens nothing new. */
@ApplicationScoped
public class ReportSubmittedConsumer {

    private final ObjectMapper objectMapper;
    private final CaseStore cases;
    private final Redelivery redelivery;

    ReportSubmittedConsumer(ObjectMapper objectMapper, CaseStore cases, Redelivery redelivery) {
        this.objectMapper = objectMapper;
        this.cases = cases;
        this.redelivery = redelivery;
    }

    @Incoming("reports-submitted")
    @Blocking
    public void onReportSubmitted(String payload) {
        ReportSubmitted event = EventReader.read(objectMapper, payload, ReportSubmitted.class, ReportSubmitted::problem);
        redelivery.untilHandled("report " + event.reference(), () -> cases.open(event));
    }
}
