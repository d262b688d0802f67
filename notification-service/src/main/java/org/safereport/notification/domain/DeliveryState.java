package org.safereport.notification.domain;

public enum DeliveryState {
    /** Not attempted yet. */
    PENDING,
    SENT,
    /** The last attempt failed in a way that may pass (a connection error, an SMTP 4xx): retried. */
    FAILED_TRANSIENT,
    /** Will never succeed as it is (an SMTP 5xx on the recipient, too many attempts): not retried. */
    FAILED_PERMANENT
}
