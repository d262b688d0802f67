package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** How the delivery of one notification request on one channel ended, as the notification service reported it. */
@Entity
@Table(name = "notification_outcome")
public class NotificationOutcome extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "request_id") UUID requestId, @Column(name = "channel") String channel)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    /** {@code SENT} or {@code FAILED}. */
    @Column(nullable = false)
    public String outcome;

    @Column(nullable = false)
    public boolean permanent;

    /** Why it failed, without addresses or numbers (the notification service redacts them). */
    public String reason;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "reported_at", nullable = false)
    public Instant reportedAt;

    /** Nothing more will come of this delivery: it was sent, or it failed for good. */
    public boolean isFinal() {
        return "SENT".equals(outcome) || permanent;
    }

    public boolean failedForGood() {
        return "FAILED".equals(outcome) && permanent;
    }
}
