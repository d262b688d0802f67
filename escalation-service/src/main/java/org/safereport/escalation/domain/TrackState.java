package org.safereport.escalation.domain;

/** Where one escalation chain of a case stands. */
public enum TrackState {
    /** Waiting for someone at the current step to acknowledge before its deadline. */
    NOTIFIED,
    /** The last step's deadline has passed: its people are reminded until someone acknowledges. */
    OVERDUE,
    ACKNOWLEDGED,
    /** The case was closed: nothing more is due on this chain. */
    CLOSED
}
