package org.safereport.escalation.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

/**
 * This service's reading of event {@code notification.status} v1 (topic {@value #TOPIC}, produced by the
 * notification service): how one delivery of a notification request went.
 *
 * @param outcome {@code SENT} or {@code FAILED}
 * @param permanent for {@code FAILED}: nothing more will be tried
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationStatus(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, UUID requestId,
                                 String channel, String outcome, boolean permanent, String reason, int attempts) {

    public static final String TOPIC = "notifications.status.v1";
    public static final String TYPE = "notification.status";

    /** Why this event cannot be used, or {@code null} when it can. */
    public String problem() {
        if (!TYPE.equals(eventType) || schemaVersion != 1) {
            return "not a " + TYPE + " v1 event: " + eventType + " v" + schemaVersion;
        }
        if (requestId == null || channel == null || occurredAt == null
                || !("SENT".equals(outcome) || "FAILED".equals(outcome))) {
            return "a required field is missing or wrong (requestId, channel, occurredAt, outcome SENT or FAILED)";
        }
        return null;
    }
}
