package org.safereport.escalation.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Event {@code notification.requested}, schema version 1, on topic {@value #TOPIC} with the case id as
 * key (so that a case's requests stay in order): ask the notification service to tell one person about a
 * case, on the given channels.
 *
 * @param requestId unique per case, step and person: the notification service sends each request once
 * @param template which message to send: {@code new-case}, {@code escalation}, {@code reminder}, {@code acknowledged}
 * @param data the values the template shows; only what the recipient needs (rule 7)
 * @param priority {@code HIGH} for deadlines on the wall clock, {@code NORMAL} otherwise
 */
public record NotificationRequestedV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt,
                                      UUID requestId, String caseReference, Recipient recipient, List<String> channels,
                                      String template, Map<String, String> data, String acknowledgementLink,
                                      String priority) {

    public static final String TOPIC = "notifications.requested.v1";
    public static final String TYPE = "notification.requested";
    public static final int SCHEMA_VERSION = 1;

    /** Who to tell and how to reach them. */
    public record Recipient(String personId, String name, String email, String mobile) {
    }
}
