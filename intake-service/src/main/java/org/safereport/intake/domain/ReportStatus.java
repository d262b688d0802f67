package org.safereport.intake.domain;

/** Where a report stands, as the reporter may see it. */
public enum ReportStatus {
    RECEIVED
}
