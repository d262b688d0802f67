package org.safereport.escalation.domain;

/** Where a removal request stands. */
public enum RemovalState {
    /** Sent; waiting for the person asked to answer. */
    REQUESTED,
    /** They say they removed it; waiting for staff to check. */
    REMOVED,
    /** Staff checked that it is gone: the end. */
    CONFIRMED,
    /** They cannot or will not remove it: a disciplinary referral is open. */
    REFUSED,
    /** No answer by the deadline: the case's chain is told and a disciplinary referral is open. */
    NOT_REMOVED;

    public boolean waitsForAnswer() {
        return this == REQUESTED;
    }
}
