package org.safereport.intake.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Event {@code report.submitted}, schema version 1, on topic {@value #TOPIC} with the report id as key.
 * It carries what the escalation service needs to route the report and nothing more: the description,
 * the evidence and the reporter's name and phone stay in the intake database.
 *
 * @param reporterEmail the reporter's work email, to find them (and their line manager) in the people
 *                      directory; {@code null} for an anonymous report
 * @param subjectEmail the work email of the member the report is about, so that it never goes to them;
 *                     {@code null} when none is named
 * @param evidenceCount how many evidence files are stored with the report (never their content)
 */
public record ReportSubmittedV1(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID reportId,
        String reference,
        String category,
        boolean youngPersonAtRisk,
        String reporterEmail,
        String subjectEmail,
        int evidenceCount,
        Instant submittedAt) {

    public static final String TOPIC = "reports.submitted.v1";
    public static final String TYPE = "report.submitted";
    public static final int SCHEMA_VERSION = 1;

    public static ReportSubmittedV1 of(UUID reportId, String reference, String category, boolean youngPersonAtRisk,
                                       String reporterEmail, String subjectEmail, int evidenceCount, Instant submittedAt) {
        return new ReportSubmittedV1(UUID.randomUUID(), TYPE, SCHEMA_VERSION, submittedAt, reportId, reference,
                category, youngPersonAtRisk, reporterEmail, subjectEmail, evidenceCount, submittedAt);
    }
}
