package org.safereport.escalation.domain.policy;

import org.safereport.time.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * One row of the routing table: who is told first, how fast they must acknowledge, on which channels,
 * and who comes next when nobody does.
 *
 * @param label the reporter's situation in plain words, as the form shows it
 * @param guidance what the reporter is told to do next
 * @param urgency how the notification is headed, e.g. "Urgent - safeguarding"
 * @param recipientAction what the policy asks the recipient to do
 * @param chain the steps after the first, in order
 * @param retention how long a closed case's content is kept, counted from its closing, before it is purged
 * @param removalDeadline how long, on the wall clock, a person asked to remove a post has by default
 */
public record CategoryRule(String code, String label, String hint, String guidance, String urgency,
                           String recipientAction, Role firstRecipient, Deadline deadline, Set<Channel> channels,
                           List<ChainStep> chain, Period retention, Duration removalDeadline) {

    /** A later step of the chain: its role and its own deadline. */
    public record ChainStep(Role role, Deadline deadline) {
    }

    /** The first recipient followed by the chain, as one ordered list of steps. */
    public List<ChainStep> steps() {
        List<ChainStep> steps = new java.util.ArrayList<>(chain.size() + 1);
        steps.add(new ChainStep(firstRecipient, deadline));
        steps.addAll(chain);
        return List.copyOf(steps);
    }

    /** When a case closed at {@code closedAt} has been kept its retention period, counted in UTC calendar days. */
    public Instant retainedUntil(Instant closedAt) {
        return closedAt.atOffset(ZoneOffset.UTC).plus(retention).toInstant();
    }
}
