package org.safereport.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Event {@code report.submitted}, schema version 1, on topic {@value #TOPIC} with the report id as key, from
 * the intake service to the escalation service. It carries what the escalation service needs to route the
 * report and nothing more: the description, the evidence and the reporter's name and phone stay in the
 * intake database.
 *
 * @param reporterEmail the reporter's work email, to find them (and their line manager) in the people
 *                      directory; {@code null} for an anonymous report
 * @param subjectEmail the work email of the member the report is about, so that it never goes to them;
 *                     {@code null} when none is named
 * @param evidenceCount how many evidence files are stored with the report (never their content)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportSubmittedV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, UUID reportId,
                                String reference, String category, boolean youngPersonAtRisk, String reporterEmail,
                                String subjectEmail, int evidenceCount, Instant submittedAt) implements PublishedEvent {

    public static final String TOPIC = "reports.submitted.v1";
    public static final String TYPE = "report.submitted";
    public static final int SCHEMA_VERSION = 1;
    /** Intake's reference format (e.g. SM-7KQ4-2M9X): anything else could never be stored or shown. */
    private static final Pattern REFERENCE = Pattern.compile("SM-[0-9A-Z]{4}-[0-9A-Z]{4}");

    public static ReportSubmittedV1 of(UUID reportId, String reference, String category, boolean youngPersonAtRisk,
                                       String reporterEmail, String subjectEmail, int evidenceCount, Instant submittedAt) {
        return new ReportSubmittedV1(UUID.randomUUID(), TYPE, SCHEMA_VERSION, submittedAt, reportId, reference,
                category, youngPersonAtRisk, reporterEmail, subjectEmail, evidenceCount, submittedAt);
    }

    @Override
    public String fieldProblem() {
        if (eventId == null || reportId == null || reference == null || category == null || submittedAt == null) {
            return "a required field is missing (eventId, reportId, reference, category, submittedAt)";
        }
        if (!REFERENCE.matcher(reference).matches()) {
            return "the reference is not of the form SM-XXXX-XXXX";
        }
        return null;
    }

    @Override
    public String describe() {
        return "report " + reference;
    }
}
