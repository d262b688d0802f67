package org.safereport.escalation.api;

import org.safereport.escalation.domain.CaseState;

/** A case's state in words, as the staff pages show it. */
final class CaseStates {

    private CaseStates() {
    }

    static String label(CaseState state) {
        return switch (state) {
            case NOTIFIED -> "Waiting for someone to acknowledge";
            case ESCALATED -> "Escalated: waiting for someone to acknowledge";
            case OVERDUE -> "Overdue: nobody has acknowledged";
            case ACKNOWLEDGED -> "Being dealt with";
            case CLOSED -> "Closed";
        };
    }
}
