package org.safereport.notification.messaging;

import org.safereport.notification.domain.Channel;

import java.time.Instant;
import java.util.UUID;

/**
 * Event {@code notification.status}, schema version 1, on topic {@value #TOPIC} with the request id as key:
 * how one delivery of a notification request went, for the escalation service to act on. One event per
 * attempt that fails and one when the delivery ends: {@code SENT}, or {@code FAILED} with
 * {@code permanent = true} when nothing more will be tried. It names no person, address or number.
 *
 * @param deliveryId the delivery (one per request and channel) the outcome is about
 * @param caseReference the case, or {@code null} for a notification about no case (a policy review)
 * @param permanent for {@code FAILED}: {@code true} when the delivery is given up, {@code false} when it will be retried
 * @param reason for {@code FAILED}: why, e.g. {@code SMTP 550 from the mail server: 5.1.1 mailbox unavailable}
 * @param attempts how many attempts have been made so far
 */
public record NotificationStatusV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt,
                                   UUID requestId, UUID deliveryId, String caseReference, Channel channel,
                                   Outcome outcome, boolean permanent, String reason, int attempts) {

    public static final String TOPIC = "notifications.status.v1";
    public static final String TYPE = "notification.status";
    public static final int SCHEMA_VERSION = 1;

    public enum Outcome {
        SENT,
        FAILED
    }
}
