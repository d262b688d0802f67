package org.safereport.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Event {@code policy.published}, schema version 1, on the compacted topic {@value #TOPIC} with the one key
 * {@value #KEY}, from the escalation service to the intake service: the public part of the routing policy
 * in force, for the report form. It holds what a reporter may read (labels, hints, guidance, who looks at a
 * report and how fast) and never a name from the people directory. The working calendar is included so
 * that the form can say by when a response is due with the same arithmetic as the escalation service.
 *
 * @param fallbackCategory the category a report with an unknown code is handled as
 * @param safeguardingOverlayCategory the category whose chain also runs when a reporter says a young person may be at risk
 * @param categories in the policy's order, as the form lists them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyPublishedV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt,
                                String version, String contentHash, LocalDate approvedOn, LocalDate reviewDue,
                                Calendar calendar, String fallbackCategory, String safeguardingOverlayCategory,
                                List<Category> categories) implements PublishedEvent {

    public static final String TOPIC = "policy.public.v1";
    public static final String TYPE = "policy.published";
    public static final int SCHEMA_VERSION = 1;
    /** Compaction keeps the latest value per key: one key, so the topic's latest record is the policy in force. */
    public static final String KEY = "routing-policy";
    private static final Set<String> CLOCKS = Set.of("WALL", "WORKING");

    /** The working hours deadlines on the {@code WORKING} clock count, in the policy's time zone. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Calendar(String timeZone, List<DayOfWeek> workingDays, LocalTime start, LocalTime end,
                           List<LocalDate> bankHolidays) {
    }

    /**
     * @param handledBy the first recipient's role code, e.g. {@code DSL}
     * @param handledByTitle the same in plain words, e.g. "the Designated Safeguarding Lead"
     * @param handledByTitleIfAnonymous who has it when the reporter gives no email: rule 3 sends a line
     *                                  manager's step to the Chief Executive
     * @param deadline how long the first recipient has to respond, e.g. {@code {within: PT1H, clock: WALL}}
     * @param respondWithin the same in plain words, e.g. "1 hour" or "8 working hours"
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Category(String code, String label, String hint, String guidance, String handledBy,
                           String handledByTitle, String handledByTitleIfAnonymous, Deadline deadline,
                           String respondWithin) {
    }

    /** @param within an ISO-8601 duration; @param clock {@code WALL} or {@code WORKING} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deadline(String within, String clock) {
    }

    /** Checks everything the report form relies on, so that a consumer can use the policy as it is. */
    @Override
    public String fieldProblem() {
        if (occurredAt == null || version == null || calendar == null || categories == null || categories.isEmpty()) {
            return "policy lacks a field the form needs (occurredAt, version, calendar, categories)";
        }
        if (calendar.timeZone() == null || calendar.workingDays() == null || calendar.workingDays().contains(null)
                || calendar.start() == null || calendar.end() == null) {
            return "the calendar lacks timeZone, workingDays, start or end";
        }
        try {
            ZoneId.of(calendar.timeZone());
        } catch (DateTimeException e) {
            return "the calendar's time zone is not one: " + calendar.timeZone();
        }
        for (Category category : categories) {
            if (category == null || category.code() == null || category.label() == null || category.handledByTitle() == null
                    || category.deadline() == null || category.deadline().within() == null
                    || !CLOCKS.contains(category.deadline().clock())) {
                return "category " + (category == null ? null : category.code()) + " lacks a field the form needs";
            }
            try {
                Duration.parse(category.deadline().within());
            } catch (DateTimeParseException e) {
                return "category " + category.code() + " has a deadline that is not an ISO-8601 duration";
            }
        }
        return null;
    }

    @Override
    public String describe() {
        return "policy " + version;
    }
}
