package org.safereport.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

/**
 * Event {@code case.purged}, schema version 1, on topic {@value #TOPIC} with the report id as key, from the
 * escalation service to the intake service: a closed case has passed its retention period, so the report's
 * content and evidence are removed, leaving only what the trustees' figures need. It names the report and
 * nothing of what it said.
 *
 * @param rule the retention rule applied, e.g. "GRIEVANCE P6Y", for the intake service's log
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CasePurgedV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, UUID reportId,
                           String reference, String rule) implements PublishedEvent {

    public static final String TOPIC = "cases.purged.v1";
    public static final String TYPE = "case.purged";
    public static final int SCHEMA_VERSION = 1;

    public static CasePurgedV1 of(Instant now, UUID reportId, String reference, String rule) {
        return new CasePurgedV1(UUID.randomUUID(), TYPE, SCHEMA_VERSION, now, reportId, reference, rule);
    }

    @Override
    public String fieldProblem() {
        if (eventId == null || occurredAt == null || reportId == null) {
            return "case.purged lacks eventId, occurredAt or reportId";
        }
        return null;
    }

    @Override
    public String describe() {
        return "purge of " + reference;
    }
}
