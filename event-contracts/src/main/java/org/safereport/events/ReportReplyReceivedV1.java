package org.safereport.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

/**
 * Event {@code report.reply-received}, schema version 1, on topic {@value #TOPIC} with the report id as key,
 * from the intake service to the escalation service: the reporter answered on their status page. It names the
 * report and the message, never what the message says nor anything of who wrote it: the handler reads the
 * thread on the case page, from intake.
 *
 * @param messageId the reply, as intake keeps it in the report's thread
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportReplyReceivedV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, UUID reportId,
                                    String reference, UUID messageId) implements PublishedEvent {

    public static final String TOPIC = "reports.replies.v1";
    public static final String TYPE = "report.reply-received";
    public static final int SCHEMA_VERSION = 1;

    public static ReportReplyReceivedV1 of(Instant now, UUID reportId, String reference, UUID messageId) {
        return new ReportReplyReceivedV1(UUID.randomUUID(), TYPE, SCHEMA_VERSION, now, reportId, reference, messageId);
    }

    @Override
    public String fieldProblem() {
        if (eventId == null || occurredAt == null || reportId == null || messageId == null) {
            return "report.reply-received lacks eventId, occurredAt, reportId or messageId";
        }
        return null;
    }

    @Override
    public String describe() {
        return "reply on " + reference;
    }
}
