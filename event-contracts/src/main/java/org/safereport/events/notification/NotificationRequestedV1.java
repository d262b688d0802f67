package org.safereport.events.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.safereport.events.PublishedEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Event {@code notification.requested}, schema version 1, on topic {@value #TOPIC}: ask the notification
 * service to tell one person something, on the given channels. The escalation service asks about cases
 * (keyed by case id, so that a case's requests stay in order) and policy reviews; the intake service asks
 * for a reporter's receipt (keyed by report id).
 *
 * @param requestId unique per message: the notification service sends each request once, however often it
 *                  is published
 * @param caseReference the case's reference; {@code null} only for a template about no case
 * @param data what the template shows, of the template's {@link Template#dataType() data type}
 * @param acknowledgementLink the signed link that acknowledges the case, absolute or a path under the public
 *                            address; only on templates that ask for a response
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationRequestedV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt,
                                      UUID requestId, String caseReference, Recipient recipient,
                                      List<Channel> channels, Template template, TemplateData data,
                                      String acknowledgementLink, Priority priority) implements PublishedEvent {

    public static final String TOPIC = "notifications.requested.v1";
    public static final String TYPE = "notification.requested";
    public static final int SCHEMA_VERSION = 1;
    /** As long as the columns that keep them. */
    private static final int MAX_REFERENCE_LENGTH = 12;

    /** Reads {@code data} as the type its template names; Jackson cannot tell it from the object alone. */
    private static final ObjectMapper DATA_READER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE).build();

    /** Who to tell and how to reach them; a reporter has no person id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recipient(String personId, String name, String email, String mobile) {
    }

    /** {@code HIGH} for deadlines on the wall clock: the email is flagged important. */
    public enum Priority {
        HIGH,
        NORMAL
    }

    public static NotificationRequestedV1 of(Instant now, UUID requestId, String caseReference, Recipient recipient,
                                             List<Channel> channels, Template template, TemplateData data,
                                             String acknowledgementLink, Priority priority) {
        if (!template.dataType().isInstance(data)) {
            throw new IllegalArgumentException("template " + template.wireName() + " shows "
                    + template.dataType().getSimpleName() + ", not " + data.getClass().getSimpleName());
        }
        return new NotificationRequestedV1(UUID.randomUUID(), TYPE, SCHEMA_VERSION, now, requestId, caseReference,
                recipient, channels, template, data, acknowledgementLink, priority);
    }

    @JsonCreator
    static NotificationRequestedV1 read(@JsonProperty("eventId") UUID eventId, @JsonProperty("eventType") String eventType,
                                        @JsonProperty("schemaVersion") int schemaVersion,
                                        @JsonProperty("occurredAt") Instant occurredAt,
                                        @JsonProperty("requestId") UUID requestId,
                                        @JsonProperty("caseReference") String caseReference,
                                        @JsonProperty("recipient") Recipient recipient,
                                        @JsonProperty("channels") List<Channel> channels,
                                        @JsonProperty("template") Template template, @JsonProperty("data") JsonNode data,
                                        @JsonProperty("acknowledgementLink") String acknowledgementLink,
                                        @JsonProperty("priority") Priority priority) throws JsonProcessingException {
        TemplateData typed = template == null || data == null || data.isNull() ? null
                : DATA_READER.treeToValue(data, template.dataType());
        return new NotificationRequestedV1(eventId, eventType, schemaVersion, occurredAt, requestId, caseReference,
                recipient, channels, template, typed, acknowledgementLink, priority);
    }

    @Override
    public String fieldProblem() {
        if (requestId == null || recipient == null || channels == null || channels.isEmpty() || channels.contains(null)
                || template == null || (caseReference == null && template.aboutACase())) {
            return "a required field is missing (requestId, caseReference, recipient, channels, template)";
        }
        if (caseReference != null && caseReference.length() > MAX_REFERENCE_LENGTH) {
            return "caseReference is too long";
        }
        return null;
    }

    @Override
    public String describe() {
        return "notification " + requestId;
    }

    /** The template's data, or an empty one of its type when the request gives none. */
    public TemplateData dataOrEmpty() {
        return data != null ? data : DATA_READER.convertValue(java.util.Map.of(), template.dataType());
    }

    public boolean isHighPriority() {
        return priority == Priority.HIGH;
    }
}
