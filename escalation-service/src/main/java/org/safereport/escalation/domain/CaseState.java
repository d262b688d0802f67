package org.safereport.escalation.domain;

/** Where a case stands. */
public enum CaseState {
    /** Routed; the first step's notifications are requested. */
    NOTIFIED
}
