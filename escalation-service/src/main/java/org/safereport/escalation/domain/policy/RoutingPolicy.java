package org.safereport.escalation.domain.policy;

import org.safereport.time.WorkingCalendar;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing policy in force: a versioned data file (routing-policy.yaml) that ops replace without a
 * rebuild. {@code contentHash} identifies the exact file a decision was made with.
 *
 * @param fallbackCategory the category whose rule applies to a code this version does not know
 * @param safeguardingOverlayCategory the category whose chain also runs when a young person may be at risk (rule 1)
 * @param endOfChainReminder how often the last recipient is reminded once the chain has run out (rule 5);
 *                           empty to use the last step's own deadline
 * @param passedOverGoesTo rule 2: the role a step goes to instead when its person is the report's subject or
 *                         its reporter ("a report about the Chief Executive goes to the Chair of Trustees")
 * @param lastResort who is told when nobody at a step of a case can be: the first of these roles none of whose
 *                   holders is involved in the case (the DSL, or the Chief Executive when the DSL is involved)
 * @param significantChange what changed, in a few words, when this version is a significant change that every
 *                          member is told about ("any significant changes will be communicated"); empty otherwise
 * @param readingReminders how those who have not confirmed reading this version are reminded
 */
public record RoutingPolicy(String version, String contentHash, LocalDate approvedOn, Period reviewInterval,
                            WorkingCalendar calendar, String fallbackCategory, String safeguardingOverlayCategory,
                            Optional<Duration> endOfChainReminder, Map<Role, Role> passedOverGoesTo,
                            List<Role> lastResort, Map<String, CategoryRule> categories,
                            Optional<String> significantChange, ReadingReminders readingReminders) {

    public RoutingPolicy {
        passedOverGoesTo = Map.copyOf(passedOverGoesTo);
        lastResort = List.copyOf(lastResort);
        // Kept in the file's order: the report form lists the categories in it.
        categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        for (String code : new String[] {fallbackCategory, safeguardingOverlayCategory}) {
            if (!categories.containsKey(code)) {
                throw new IllegalArgumentException("category " + code + " is not in the policy");
            }
        }
    }

    public Optional<CategoryRule> category(String code) {
        return Optional.ofNullable(categories.get(code));
    }

    /** The rule for {@code code}; a code this version does not know is handled as the fallback category. */
    public CategoryRule ruleFor(String code) {
        return category(code).orElseGet(() -> categories.get(fallbackCategory));
    }

    public LocalDate reviewDue() {
        return approvedOn.plus(reviewInterval);
    }
}
