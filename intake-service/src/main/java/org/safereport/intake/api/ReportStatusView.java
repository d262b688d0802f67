package org.safereport.intake.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.safereport.intake.domain.ReportStatus;
import org.safereport.intake.persistence.Report;

import java.time.Instant;

/**
 * Where a report stands, for the reporter: roles in plain words, never a person's name. A time that can be
 * null is declared as a date-time string itself: in OpenAPI 3.0, null does not pass a reference to the shared
 * {@code Instant} schema, nullable or not.
 *
 * @param withRole the role the report is with, e.g. "the Designated Safeguarding Lead"
 * @param respondBy when that role is expected to respond; null once acknowledged or closed
 * @param outcome the outcome summary written for the reporter, once closed
 */
public record ReportStatusView(String reference, ReportStatus status, String summary, String category,
                               Instant submittedAt, String withRole,
                               @Schema(implementation = String.class, format = "date-time", nullable = true) Instant respondBy,
                               @Schema(implementation = String.class, format = "date-time", nullable = true) Instant acknowledgedAt,
                               @Schema(implementation = String.class, format = "date-time", nullable = true) Instant closedAt,
                               @Schema(nullable = true) String outcome) {

    public static ReportStatusView of(Report report) {
        String role = report.withRoleTitle != null ? report.withRoleTitle : report.handledByTitle;
        Instant respondBy = switch (report.status) {
            case RECEIVED -> report.expectedResponseBy;
            case WITH_ROLE -> report.respondBy;
            case ACKNOWLEDGED, CLOSED -> null;
        };
        return new ReportStatusView(report.reference, report.status, summary(report.status, role), report.categoryLabel,
                report.submittedAt, role, respondBy, report.acknowledgedAt, report.closedAt, report.outcome);
    }

    /** A role title at the start of a sentence: "The Designated Safeguarding Lead". */
    public static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String summary(ReportStatus status, String role) {
        return switch (status) {
            case RECEIVED -> "We have your report. It is being passed to " + role + ".";
            case WITH_ROLE -> capitalised(role) + " has been told and is expected to respond.";
            case ACKNOWLEDGED -> capitalised(role) + " has seen your report and is dealing with it.";
            case CLOSED -> "Your report has been dealt with.";
        };
    }
}
