package org.safereport.escalation.domain;

/** Where a case stands, derived from its tracks (the case's escalation chains). */
public enum CaseState {
    /** Routed; the first step's people are notified and nobody has acknowledged yet. */
    NOTIFIED,
    /** A deadline passed unacknowledged and the case went on to the next person. */
    ESCALATED,
    /** A chain has run out and its last recipient is being reminded (rule 5). */
    OVERDUE,
    /** Someone has it on every chain of the case. */
    ACKNOWLEDGED,
    /** Dealt with: closed by a member of staff with an outcome. */
    CLOSED;

    /** The case's state from the states of its tracks and how far each has gone. */
    public static CaseState of(java.util.List<TrackState> tracks, boolean anyEscalated) {
        if (tracks.stream().allMatch(state -> state == TrackState.ACKNOWLEDGED)) {
            return ACKNOWLEDGED;
        }
        if (tracks.contains(TrackState.OVERDUE)) {
            return OVERDUE;
        }
        return anyEscalated ? ESCALATED : NOTIFIED;
    }
}
