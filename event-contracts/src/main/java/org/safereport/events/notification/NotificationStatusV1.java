package org.safereport.events.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.safereport.events.PublishedEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * Event {@code notification.status}, schema version 1, on topic {@value #TOPIC} with the request id as key,
 * from the notification service to the escalation service: how one delivery of a notification request
 * went. One event per attempt that fails and one when the delivery ends: {@code SENT}, or {@code FAILED}
 * with {@code permanent = true} when nothing more will be tried. It names no person, address or number.
 *
 * @param deliveryId the delivery (one per request and channel) the outcome is about
 * @param caseReference the case, or {@code null} for a notification about no case (a policy review)
 * @param permanent for {@code FAILED}: {@code true} when the delivery is given up, {@code false} when it will be retried
 * @param reason for {@code FAILED}: why, e.g. {@code SMTP 550 from the mail server: 5.1.1 mailbox unavailable}
 * @param attempts how many attempts have been made so far
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationStatusV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt,
                                   UUID requestId, UUID deliveryId, String caseReference, Channel channel,
                                   Outcome outcome, boolean permanent, String reason, int attempts)
        implements PublishedEvent {

    public static final String TOPIC = "notifications.status.v1";
    public static final String TYPE = "notification.status";
    public static final int SCHEMA_VERSION = 1;

    public enum Outcome {
        SENT,
        FAILED
    }

    public static NotificationStatusV1 of(Instant now, UUID requestId, UUID deliveryId, String caseReference,
                                          Channel channel, Outcome outcome, boolean permanent, String reason, int attempts) {
        return new NotificationStatusV1(UUID.randomUUID(), TYPE, SCHEMA_VERSION, now, requestId, deliveryId,
                caseReference, channel, outcome, permanent, reason, attempts);
    }

    @Override
    public String fieldProblem() {
        if (requestId == null || channel == null || occurredAt == null || outcome == null) {
            return "a required field is missing or wrong (requestId, channel, occurredAt, outcome SENT or FAILED)";
        }
        return null;
    }

    @Override
    public String describe() {
        return "notification " + requestId;
    }
}
