package org.safereport.escalation.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

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
    /** Intake's reference format (e.g. SM-7KQ4-2M9X): anything else could never be stored or shown. */
    private static final Pattern REFERENCE = Pattern.compile("SM-[0-9A-Z]{4}-[0-9A-Z]{4}");

    /** The problem that makes this event unusable, or {@code null} when it is complete. */
    public String problem() {
        if (!TYPE.equals(eventType) || schemaVersion != 1) {
            return "not a " + TYPE + " v1 event: " + eventType + " v" + schemaVersion;
        }
        if (eventId == null || reportId == null || reference == null || category == null || submittedAt == null) {
            return "a required field is missing (eventId, reportId, reference, category, submittedAt)";
        }
        if (!REFERENCE.matcher(reference).matches()) {
            return "the reference is not of the form SM-XXXX-XXXX";
        }
        return null;
    }
}
