package org.safereport.intake.domain;

import org.safereport.events.PolicyPublishedV1;
import org.safereport.time.Deadline;
import org.safereport.time.WorkingCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The public part of the routing policy in force, as the escalation service published it: the form's
 * categories in the policy's order and the working calendar its deadlines count in.
 */
public record PublicPolicy(String version, Instant publishedAt, WorkingCalendar calendar, List<PolicyCategory> categories) {

    public PublicPolicy {
        categories = List.copyOf(categories);
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one category");
        }
    }

    /** The policy an event published, once the event's own checks ({@link PolicyPublishedV1#problem()}) have passed. */
    public static PublicPolicy of(PolicyPublishedV1 published) {
        PolicyPublishedV1.Calendar calendar = published.calendar();
        WorkingCalendar working = new WorkingCalendar(ZoneId.of(calendar.timeZone()), Set.copyOf(calendar.workingDays()),
                calendar.start(), calendar.end(), Set.copyOf(calendar.bankHolidays() == null ? List.of() : calendar.bankHolidays()));
        return new PublicPolicy(published.version(), published.occurredAt(), working,
                published.categories().stream().map(PublicPolicy::category).toList());
    }

    private static PolicyCategory category(PolicyPublishedV1.Category category) {
        return new PolicyCategory(category.code(), category.label(), category.hint(), category.guidance(),
                category.handledByTitle(),
                category.handledByTitleIfAnonymous() == null ? category.handledByTitle() : category.handledByTitleIfAnonymous(),
                new Deadline(Duration.parse(category.deadline().within()), Deadline.Clock.valueOf(category.deadline().clock())),
                category.respondWithin());
    }

    public Optional<PolicyCategory> category(String code) {
        return categories.stream().filter(category -> category.code().equals(code)).findFirst();
    }

    public String codes() {
        return categories.stream().map(PolicyCategory::code).collect(Collectors.joining(", "));
    }

    /** When the category's first recipient is expected to respond to a report submitted at {@code submittedAt}. */
    public Instant expectedResponseBy(PolicyCategory category, Instant submittedAt) {
        return calendar.due(submittedAt, category.deadline());
    }
}
