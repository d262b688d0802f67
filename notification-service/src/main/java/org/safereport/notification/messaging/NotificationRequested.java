package org.safereport.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.safereport.notification.domain.Channel;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * This service's reading of event {@code notification.requested} v1 (topic {@value #TOPIC}, produced by
 * the escalation service): only the fields it uses.
 *
 * @param caseReference the case's reference; absent only for template {@value #POLICY_REVIEW}, which is about no case
 * @param data the values the template shows (see notification-service/README.md for each template's keys)
 * @param acknowledgementLink the link that acknowledges the case, absolute or a path under the public base URL; may be absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationRequested(UUID eventId, String eventType, int schemaVersion, UUID requestId,
                                    String caseReference, Recipient recipient, List<String> channels, String template,
                                    Map<String, String> data, String acknowledgementLink, String priority) {

    public static final String TOPIC = "notifications.requested.v1";
    public static final String TYPE = "notification.requested";
    public static final String POLICY_REVIEW = "policy-review";
    /** As long as the columns that keep them. */
    private static final int MAX_REFERENCE_LENGTH = 12;
    private static final int MAX_TEMPLATE_LENGTH = 64;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recipient(String personId, String name, String email, String mobile) {
    }

    /** The problem that makes this request unusable, or {@code null} when it can be sent. */
    public String problem() {
        if (!TYPE.equals(eventType) || schemaVersion != 1) {
            return "not a " + TYPE + " v1 event: " + eventType + " v" + schemaVersion;
        }
        if (requestId == null || recipient == null || channels == null || channels.isEmpty() || template == null
                || (caseReference == null && !POLICY_REVIEW.equals(template))) {
            return "a required field is missing (requestId, caseReference, recipient, channels, template)";
        }
        if (channels.stream().anyMatch(channel -> Channel.named(channel).isEmpty())) {
            return "channels may only be " + List.of(Channel.values()) + ", not " + channels;
        }
        if ((caseReference != null && caseReference.length() > MAX_REFERENCE_LENGTH) || template.length() > MAX_TEMPLATE_LENGTH) {
            return "caseReference or template is too long";
        }
        return null;
    }

    /** The template's data, empty rather than absent. */
    public Map<String, String> dataOrEmpty() {
        return data == null ? Map.of() : data;
    }

    public boolean isHighPriority() {
        return "HIGH".equals(priority);
    }
}
