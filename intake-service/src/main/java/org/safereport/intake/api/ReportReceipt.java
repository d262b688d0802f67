package org.safereport.intake.api;

import org.safereport.intake.domain.ReportStatus;

/** What the reporter gets back: the reference to quote, and where the report stands. */
public record ReportReceipt(String reference, ReportStatus status) {
}
