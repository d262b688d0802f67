package org.safereport.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

/**
 * Event {@code case.status}, schema version 1, on topic {@value #TOPIC} with the report id as key, from the
 * escalation service to the intake service: where a report's case stands, for the reporter's status page.
 * Roles only, never names.
 *
 * @param state {@code NOTIFIED}, {@code ESCALATED}, {@code OVERDUE}, {@code ACKNOWLEDGED} or {@code CLOSED}
 * @param withRole the role the case is with now (the category track's current step), e.g. {@code DSL}
 * @param withRoleTitle the same in plain words for the reporter, e.g. "the Designated Safeguarding Lead"
 * @param respondBy when that role must acknowledge by; null once acknowledged or closed
 * @param outcome for {@code CLOSED}: the outcome summary written for the reporter; otherwise null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseStatusV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, UUID reportId,
                           String reference, String state, String withRole, String withRoleTitle, Instant respondBy,
                           String outcome) implements PublishedEvent {

    public static final String TOPIC = "cases.status.v1";
    public static final String TYPE = "case.status";
    public static final int SCHEMA_VERSION = 1;

    public static CaseStatusV1 of(Instant now, UUID reportId, String reference, String state, String withRole,
                                  String withRoleTitle, Instant respondBy, String outcome) {
        return new CaseStatusV1(UUID.randomUUID(), TYPE, SCHEMA_VERSION, now, reportId, reference, state, withRole,
                withRoleTitle, respondBy, outcome);
    }

    @Override
    public String fieldProblem() {
        if (eventId == null || occurredAt == null || reportId == null || state == null) {
            return "case.status lacks eventId, occurredAt, reportId or state";
        }
        return null;
    }

    @Override
    public String describe() {
        return "status of " + reference;
    }
}
