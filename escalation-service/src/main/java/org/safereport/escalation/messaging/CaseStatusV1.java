package org.safereport.escalation.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Event {@code case.status}, schema version 1, on topic {@value #TOPIC} with the report id as key:
 * where a report's case stands, for the reporter's status page. Roles only, never names.
 *
 * @param state {@code NOTIFIED}, {@code ESCALATED}, {@code OVERDUE}, {@code ACKNOWLEDGED} or {@code CLOSED}
 * @param withRole the role the case is with now (the category track's current step), e.g. {@code DSL}
 * @param withRoleTitle the same in plain words for the reporter, e.g. "the Designated Safeguarding Lead"
 * @param respondBy when that role must acknowledge by; null once acknowledged or closed
 * @param outcome for {@code CLOSED}: the outcome summary written for the reporter; otherwise null
 */
public record CaseStatusV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, UUID reportId,
                           String reference, String state, String withRole, String withRoleTitle, Instant respondBy,
                           String outcome) {

    public static final String TOPIC = "cases.status.v1";
    public static final String TYPE = "case.status";
    public static final int SCHEMA_VERSION = 1;
}
