package org.safereport.intake.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Event {@code notification.requested}, schema version 1, on topic {@value #TOPIC}: intake asks the
 * notification service to email a reporter the receipt of their report (template {@value #RECEIPT}).
 * The same fields as the escalation service's requests (the README's contract). It never carries the
 * receipt code: an email is not a safe place for a secret, the reporter was shown it once.
 */
public record NotificationRequestedV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt,
                                      UUID requestId, String caseReference, Recipient recipient, List<String> channels,
                                      String template, Map<String, String> data, String acknowledgementLink,
                                      String priority) {

    public static final String TOPIC = "notifications.requested.v1";
    public static final String TYPE = "notification.requested";
    public static final int SCHEMA_VERSION = 1;
    public static final String RECEIPT = "receipt";

    public record Recipient(String personId, String name, String email, String mobile) {
    }

    /**
     * One receipt per report: the request id is derived from the report id, so that the notification
     * service drops a duplicate however the request came to be published twice.
     */
    public static NotificationRequestedV1 receipt(UUID reportId, String reference, String name, String email,
                                                  String categoryLabel, String statusUrl, Instant now) {
        UUID requestId = UUID.nameUUIDFromBytes(("receipt:" + reportId).getBytes(StandardCharsets.UTF_8));
        return new NotificationRequestedV1(UUID.randomUUID(), TYPE, SCHEMA_VERSION, now, requestId, reference,
                new Recipient(null, name, email, null), List.of("EMAIL"), RECEIPT,
                Map.of("categoryLabel", categoryLabel, "statusUrl", statusUrl), null, "NORMAL");
    }
}
