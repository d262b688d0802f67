package org.safereport.intake.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.intake.persistence.StatusStore;
import org.safereport.messaging.consumer.Redelivery;
import org.safereport.messaging.consumer.UnreadableMessageException;

import java.io.IOException;

/** Keeps each report's status page up to date from {@code cases.status.v1}. */
@ApplicationScoped
public class CaseStatusConsumer {

    private final ObjectMapper objectMapper;
    private final StatusStore statuses;
    private final Redelivery redelivery;

    CaseStatusConsumer(ObjectMapper objectMapper, StatusStore statuses, Redelivery redelivery) {
        this.objectMapper = objectMapper;
        this.statuses = statuses;
        this.redelivery = redelivery;
    }

    @Incoming("cases-status")
    @Blocking
    public void onCaseStatus(String payload) {
        CaseStatus event = read(payload);
        redelivery.untilHandled("status of " + event.reference(), () -> statuses.apply(event));
    }

    private CaseStatus read(String payload) {
        CaseStatus event;
        try {
            event = objectMapper.readValue(payload, CaseStatus.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableMessageException("not a readable case.status event: " + e.getMessage(), e);
        }
        String problem = event == null ? "empty message" : event.problem();
        if (problem != null) {
            throw new UnreadableMessageException(problem, null);
        }
        return event;
    }
}
