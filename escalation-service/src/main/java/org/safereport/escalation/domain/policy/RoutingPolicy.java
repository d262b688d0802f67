package org.safereport.escalation.domain.policy;

import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Optional;

/**
 * The routing policy in force: a versioned data file (routing-policy.yaml) that ops replace without a
 * rebuild. {@code contentHash} identifies the exact file a decision was made with.
 *
 * @param fallbackCategory the category whose rule applies to a code this version does not know
 */
public record RoutingPolicy(String version, String contentHash, LocalDate approvedOn, Period reviewInterval,
                            WorkingCalendar calendar, String fallbackCategory, Map<String, CategoryRule> categories) {

    public RoutingPolicy {
        categories = Map.copyOf(categories);
        if (!categories.containsKey(fallbackCategory)) {
            throw new IllegalArgumentException("the fallback category " + fallbackCategory + " is not in the policy");
        }
    }

    public Optional<CategoryRule> category(String code) {
        return Optional.ofNullable(categories.get(code));
    }

    public LocalDate reviewDue() {
        return approvedOn.plus(reviewInterval);
    }
}
