package org.safereport.intake.api.web;

import org.safereport.intake.api.ReportStatusView;

/** A report's status with its dates in the policy's time zone, as people read them. */
public record StatusPage(ReportStatusView report, String submittedAt, String respondBy, String acknowledgedAt,
                         String closedAt) {

    public String state() {
        return switch (report.status()) {
            case RECEIVED -> "Received";
            case WITH_ROLE -> "With " + report.withRole();
            case ACKNOWLEDGED -> "Acknowledged";
            case CLOSED -> "Closed";
        };
    }
}
