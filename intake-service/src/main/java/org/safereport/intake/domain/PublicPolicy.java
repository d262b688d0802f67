package org.safereport.intake.domain;

import org.safereport.time.WorkingCalendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
