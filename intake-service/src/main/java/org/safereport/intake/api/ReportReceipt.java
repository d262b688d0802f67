package org.safereport.intake.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.safereport.intake.domain.ReportStatus;
import org.safereport.intake.persistence.Report;
import org.safereport.intake.submission.ReportIntake;

import java.time.Instant;

/**
 * What the reporter gets back once: the reference to quote, the secret receipt code to look the report up
 * with, what to do now, who will look at it and by when they are expected to respond.
 */
public record ReportReceipt(
        @Schema(examples = "SM-7KQ4-2M9X") String reference,
        @Schema(description = "Shown this once; keep it to look the report up", examples = "7KQ4-2M9X-H3DT-Q0WA") String receiptCode,
        ReportStatus status,
        String category,
        String guidance,
        @Schema(description = "The role that looks at the report, in plain words", examples = "the Designated Safeguarding Lead") String handledBy,
        Instant expectedResponseBy,
        @Schema(examples = "Wednesday 25 November 2026 at 16:00 GMT") String expectedResponseByLocal) {

    static ReportReceipt of(ReportIntake.Accepted accepted) {
        Report report = accepted.report();
        return new ReportReceipt(report.reference, accepted.receiptCode(), report.status, report.categoryLabel,
                accepted.category().guidance(), report.handledByTitle, report.expectedResponseBy,
                accepted.expectedResponseByLocal());
    }
}
