package org.safereport.notification.domain;

public enum DeliveryState {
    /** Not attempted yet. */
    PENDING,
    SENT,
    /** The last attempt failed in a way that may pass (a connection error, an SMTP 4xx, an HTTP 429 or 5xx): retried. */
    FAILED_TRANSIENT,
    /** Will never succeed as it is (an SMTP 5xx on the recipient, an HTTP 4xx, too many attempts): not retried. */
    FAILED_PERMANENT;

    /** Whether the dispatcher still has to attempt a delivery in this state. */
    public boolean isDue() {
        return this == PENDING || this == FAILED_TRANSIENT;
    }
}
