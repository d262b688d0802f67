package org.safereport.notification.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.safereport.notification.domain.DeliveryState;

import java.time.Instant;
import java.util.UUID;

/** One notification on one channel, and how its delivery is going. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "request_id", nullable = false)
    public UUID requestId;

    @Column(nullable = false)
    public String channel;

    /** {@code null} only for a notification about no case (a policy review reminder). */
    @Column(name = "case_reference")
    public String caseReference;

    @Column(nullable = false)
    public String template;

    /**
     * The request as received, to render the message from at each attempt; {@code null} once the delivery has
     * ended, since it holds the recipient's address and number and a link that acknowledges for them.
     */
    public String request;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryState state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** Why the last attempt failed, without addresses or numbers; {@code null} once sent. */
    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** The provider's id for the sent message: the SMTP Message-ID or the SMS provider's message sid. */
    @Column(name = "provider_message_id")
    public String providerMessageId;

    /** The W3C trace context of the request's consumer span: every attempt to send it is a span in that trace. */
    @Column(name = "traceparent")
    public String traceparent;

    @Column(name = "tracestate")
    public String tracestate;

    public static boolean exists(UUID requestId, String channel) {
        // A query of our own: Panache's count() makes Hibernate build its count query afresh on every call.
        return getEntityManager().createQuery(
                        "select count(d) from Delivery d where d.requestId = :requestId and d.channel = :channel", Long.class)
                .setParameter("requestId", requestId)
                .setParameter("channel", channel)
                .getSingleResult() > 0;
    }
}
