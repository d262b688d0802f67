package org.safereport.notification.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** notification.requested v1 events as the escalation (or intake) service writes them; fictional people only. */
public final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID requestId = UUID.randomUUID();
    private String caseReference;
    private String template = "new-case";
    private List<String> channels = List.of("EMAIL");
    private String name = "Riley Carrow";
    private String email = "dsl@example.org";
    private String mobile = "+447700900103";
    private String acknowledgementLink = "https://safereport.example.org/ack/dGVzdC10b2tlbg.c2lnbmF0dXJl";
    private String priority = "HIGH";
    private final Map<String, Object> data = new LinkedHashMap<>();

    private Requests(String caseReference) {
        this.caseReference = caseReference;
        data.put("categoryLabel", "A resident made social or inappropriate contact with me");
        data.put("urgency", "Urgent - safeguarding");
        data.put("role", "DSL");
        data.put("within", "1 hour");
        data.put("dueAt", "2026-11-25T13:00:00Z");
        data.put("dueAtLocal", "Wednesday 25 November 2026 at 13:00 GMT");
        data.put("recipientAction", "Advise the member on how to respond to the resident, before they respond.");
    }

    /** A new-case request by email to the Designated Safeguarding Lead of the sample directory. */
    public static Requests newCase(String caseReference) {
        return new Requests(caseReference);
    }

    public UUID requestId() {
        return requestId;
    }

    public Requests template(String template) {
        this.template = template;
        return this;
    }

    public Requests channels(String... channels) {
        this.channels = List.of(channels);
        return this;
    }

    public Requests recipient(String name, String email, String mobile) {
        this.name = name;
        this.email = email;
        this.mobile = mobile;
        return this;
    }

    public Requests caseReference(String caseReference) {
        this.caseReference = caseReference;
        return this;
    }

    public Requests acknowledgementLink(String link) {
        this.acknowledgementLink = link;
        return this;
    }

    public Requests priority(String priority) {
        this.priority = priority;
        return this;
    }

    public Requests data(String key, String value) {
        if (value == null) {
            data.remove(key);
        } else {
            data.put(key, value);
        }
        return this;
    }

    public Requests onlyData(Map<String, ?> values) {
        data.clear();
        data.putAll(values);
        return this;
    }

    public String json() {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("eventType", "notification.requested");
        event.put("schemaVersion", 1);
        event.put("occurredAt", "2026-11-25T12:00:00Z");
        event.put("requestId", requestId.toString());
        event.put("caseReference", caseReference);
        ObjectNode recipient = event.putObject("recipient");
        recipient.put("personId", "person-" + requestId);
        recipient.put("name", name);
        recipient.put("email", email);
        recipient.put("mobile", mobile);
        channels.forEach(event.putArray("channels")::add);
        event.put("template", template);
        ObjectNode values = event.putObject("data");
        data.forEach((key, value) -> values.set(key, JSON.valueToTree(value)));
        event.put("acknowledgementLink", acknowledgementLink);
        event.put("priority", priority);
        return event.toString();
    }

    /** Publishes the request on notifications.requested.v1, keyed as the escalation service keys it. */
    public Requests send() {
        org.safereport.testing.KafkaTopics.send("notifications.requested.v1", "case-" + caseReference, json());
        return this;
    }
}
