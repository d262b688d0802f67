package org.safereport.escalation.messaging;

import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.time.WorkingCalendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * Event {@code policy.published}, schema version 1, on the compacted topic {@value #TOPIC} with the one key
 * {@value #KEY}: the public part of the routing policy in force, for the report form. It holds what a
 * reporter may read (labels, hints, guidance, who looks at a report and how fast) and never a name from
 * the people directory. The working calendar is included so that the form can say by when a response is
 * due with the same arithmetic as the escalation service.
 *
 * @param fallbackCategory the category a report with an unknown code is handled as
 * @param safeguardingOverlayCategory the category whose chain also runs when a reporter says a young person may be at risk
 * @param categories in the policy's order, as the form lists them
 */
public record PolicyPublishedV1(UUID eventId, String eventType, int schemaVersion, Instant occurredAt,
                                String version, String contentHash, LocalDate approvedOn, LocalDate reviewDue,
                                Calendar calendar, String fallbackCategory, String safeguardingOverlayCategory,
                                List<Category> categories) {

    public static final String TOPIC = "policy.public.v1";
    public static final String TYPE = "policy.published";
    public static final int SCHEMA_VERSION = 1;
    /** Compaction keeps the latest value per key: one key, so the topic's latest record is the policy in force. */
    public static final String KEY = "routing-policy";

    /** The working hours deadlines on the {@code WORKING} clock count, in the policy's time zone. */
    public record Calendar(String timeZone, List<DayOfWeek> workingDays, LocalTime start, LocalTime end,
                           List<LocalDate> bankHolidays) {

        static Calendar of(WorkingCalendar calendar) {
            return new Calendar(calendar.zone().getId(), calendar.days().stream().sorted().toList(), calendar.start(),
                    calendar.end(), calendar.bankHolidays().stream().sorted().toList());
        }
    }

    /**
     * @param handledBy the first recipient's role code, e.g. {@code DSL}
     * @param handledByTitle the same in plain words, e.g. "the Designated Safeguarding Lead"
     * @param handledByTitleIfAnonymous who has it when the reporter gives no email: rule 3 sends a line
     *                                  manager's step to the Chief Executive
     * @param deadline how long the first recipient has to respond, e.g. {@code {within: PT1H, clock: WALL}}
     * @param respondWithin the same in plain words, e.g. "1 hour" or "8 working hours"
     */
    public record Category(String code, String label, String hint, String guidance, String handledBy,
                           String handledByTitle, String handledByTitleIfAnonymous, Deadline deadline,
                           String respondWithin) {
    }

    /** @param within an ISO-8601 duration; @param clock {@code WALL} or {@code WORKING} */
    public record Deadline(String within, String clock) {
    }

    public static PolicyPublishedV1 of(RoutingPolicy policy, Instant now) {
        List<Category> categories = policy.categories().values().stream().map(PolicyPublishedV1::category).toList();
        return new PolicyPublishedV1(UUID.randomUUID(), TYPE, SCHEMA_VERSION, now, policy.version(), policy.contentHash(),
                policy.approvedOn(), policy.reviewDue(), Calendar.of(policy.calendar()), policy.fallbackCategory(),
                policy.safeguardingOverlayCategory(), categories);
    }

    private static Category category(CategoryRule rule) {
        Role ifAnonymous = rule.firstRecipient() == Role.LINE_MANAGER ? Role.CHIEF_EXECUTIVE : rule.firstRecipient();
        return new Category(rule.code(), rule.label(), rule.hint(), rule.guidance(), rule.firstRecipient().name(),
                rule.firstRecipient().title(), ifAnonymous.title(), new Deadline(rule.deadline().within().toString(), rule.deadline().clock().name()),
                rule.deadline().describe());
    }
}
