package org.safereport.intake.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

/**
 * Intake's copy of the fields it reads from event {@code case.status} v1 (topic {@value #TOPIC}, keyed by
 * report id), which the escalation service owns: unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseStatus(UUID eventId, Instant occurredAt, UUID reportId, String reference, String state,
                         String withRoleTitle, Instant respondBy, String outcome) {

    public static final String TOPIC = "cases.status.v1";

    /** Null when the event can be handled; otherwise why it never can be. */
    String problem() {
        if (eventId == null || occurredAt == null || reportId == null || state == null) {
            return "case.status lacks eventId, occurredAt, reportId or state";
        }
        return null;
    }
}
