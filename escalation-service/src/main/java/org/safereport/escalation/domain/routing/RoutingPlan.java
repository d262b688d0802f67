package org.safereport.escalation.domain.routing;

import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Channel;
import org.safereport.escalation.domain.policy.Deadline;
import org.safereport.escalation.domain.policy.Role;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The decision for one report: the steps in order, each with who is told, on which channels and by when
 * they must acknowledge, and the reasons (which rule fired, who was passed over and why).
 *
 * @param category the category whose rule was applied (the fallback's, for an unknown code)
 * @param reasons the decisions that concern the whole plan
 */
public record RoutingPlan(String policyVersion, String policyHash, String category, List<Step> steps,
                          List<String> reasons) {

    public RoutingPlan {
        steps = List.copyOf(steps);
        reasons = List.copyOf(reasons);
    }

    /**
     * @param dueAt when this step's deadline passes, if nobody has acknowledged by then
     * @param reasons why these people, and who was passed over
     */
    public record Step(int index, Role role, List<Person> recipients, Set<Channel> channels, Deadline deadline,
                       Instant dueAt, List<String> reasons) {

        public Step {
            recipients = List.copyOf(recipients);
            channels = Set.copyOf(channels);
            reasons = List.copyOf(reasons);
        }
    }

    public Step firstStep() {
        return steps.get(0);
    }
}
