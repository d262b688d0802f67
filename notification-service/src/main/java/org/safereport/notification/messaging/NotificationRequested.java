package org.safereport.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * This service's reading of event {@code notification.requested} v1 (topic {@value #TOPIC}, produced by
 * the escalation service): only the fields it uses.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationRequested(UUID eventId, String eventType, int schemaVersion, UUID requestId,
                                    String caseReference, Recipient recipient, List<String> channels, String template,
                                    Map<String, String> data, String acknowledgementLink, String priority) {

    public static final String TOPIC = "notifications.requested.v1";
    public static final String TYPE = "notification.requested";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recipient(String personId, String name, String email, String mobile) {
    }

    /** The problem that makes this request unusable, or {@code null} when it can be sent. */
    public String problem() {
        if (!TYPE.equals(eventType) || schemaVersion != 1) {
            return "not a " + TYPE + " v1 event: " + eventType + " v" + schemaVersion;
        }
        if (requestId == null || caseReference == null || recipient == null || channels == null || channels.isEmpty()
                || template == null) {
            return "a required field is missing (requestId, caseReference, recipient, channels, template)";
        }
        return null;
    }
}
