package org.safereport.escalation.domain.policy;

public enum Channel {
    EMAIL,
    SMS
}
