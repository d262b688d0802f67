package org.safereport.intake.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.safereport.intake.domain.PolicyCategory;
import org.safereport.intake.domain.PublicPolicy;
import org.safereport.time.WorkingCalendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Intake's copy of the fields it reads from event {@code policy.published} v1 (topic {@value #TOPIC},
 * compacted, one key): the escalation service owns the event, so unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyPublished(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, String version,
                              Calendar calendar, List<Category> categories) {

    public static final String TOPIC = "policy.public.v1";
    public static final String KEY = "routing-policy";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Calendar(String timeZone, List<DayOfWeek> workingDays, LocalTime start, LocalTime end,
                           List<LocalDate> bankHolidays) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Category(String code, String label, String hint, String guidance, String handledByTitle,
                           String handledByTitleIfAnonymous, Deadline deadline, String respondWithin) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deadline(String within, String clock) {
    }

    /** @throws IllegalArgumentException (or a runtime parse failure) when a field the form needs is missing or wrong */
    public PublicPolicy toPolicy() {
        require(occurredAt != null && version != null && calendar != null && categories != null, "policy");
        WorkingCalendar working = new WorkingCalendar(ZoneId.of(calendar.timeZone()), Set.copyOf(calendar.workingDays()),
                calendar.start(), calendar.end(), Set.copyOf(calendar.bankHolidays() == null ? List.of() : calendar.bankHolidays()));
        return new PublicPolicy(version, occurredAt, working, categories.stream().map(PolicyPublished::category).toList());
    }

    private static PolicyCategory category(Category category) {
        require(category.code() != null && category.label() != null && category.handledByTitle() != null
                && category.deadline() != null, "category " + category.code());
        return new PolicyCategory(category.code(), category.label(), category.hint(), category.guidance(),
                category.handledByTitle(),
                category.handledByTitleIfAnonymous() == null ? category.handledByTitle() : category.handledByTitleIfAnonymous(),
                new org.safereport.time.Deadline(Duration.parse(category.deadline().within()),
                        org.safereport.time.Deadline.Clock.valueOf(category.deadline().clock())),
                category.respondWithin());
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException(what + " lacks a field the form needs");
        }
    }
}
