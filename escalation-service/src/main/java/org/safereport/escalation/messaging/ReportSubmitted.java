package org.safereport.escalation.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

/**
 * This service's reading of event {@code report.submitted} v1 (topic {@value #TOPIC}, produced by the
 * intake service): only the fields it uses. Unknown fields are ignored so that the producer can add
 * fields without breaking this consumer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportSubmitted(UUID eventId, String eventType, int schemaVersion, UUID reportId, String reference,
                              String category, boolean youngPersonAtRisk, String reporterEmail, String subjectEmail,
                              Instant submittedAt) {

    public static final String TOPIC = "reports.submitted.v1";
    public static final String TYPE = "report.submitted";

    /** The problem that makes this event unusable, or {@code null} when it is complete. */
    public String problem() {
        if (!TYPE.equals(eventType) || schemaVersion != 1) {
            return "not a " + TYPE + " v1 event: " + eventType + " v" + schemaVersion;
        }
        if (eventId == null || reportId == null || reference == null || category == null || submittedAt == null) {
            return "a required field is missing (eventId, reportId, reference, category, submittedAt)";
        }
        return null;
    }
}
