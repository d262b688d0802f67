package org.safereport.intake.domain;

import java.util.Optional;

/** Where a report stands, as the reporter may see it. */
public enum ReportStatus {
    /** Stored; the escalation service has not said yet who has it. */
    RECEIVED,
    /** Someone in a role has been told and is expected to respond (notified, escalated or overdue). */
    WITH_ROLE,
    ACKNOWLEDGED,
    CLOSED;

    /**
     * The reporter's view of a {@code case.status} state. Escalated and overdue are the organisation's
     * business: the reporter only needs to know whose desk it is on.
     */
    public static Optional<ReportStatus> ofCaseState(String state) {
        return Optional.ofNullable(switch (state == null ? "" : state) {
            case "NOTIFIED", "ESCALATED", "OVERDUE" -> WITH_ROLE;
            case "ACKNOWLEDGED" -> ACKNOWLEDGED;
            case "CLOSED" -> CLOSED;
            default -> null;
        });
    }
}
