package org.safereport.escalation.domain.trustees;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the trustees' report counts of one case, and nothing that says who was involved.
 *
 * @param firstAcknowledgedAt when someone first acknowledged it, on any of its chains; {@code null} if nobody has
 * @param firstDueAt the first step's deadline on the category's chain, as computed when the case was opened
 * @param wentOverdue whether a deadline passed unacknowledged and the case went on to the next person
 * @param reachedEndOfChain whether its chain ran out: the last person's deadline passed too
 */
public record CaseFacts(String category, Instant submittedAt, Instant firstAcknowledgedAt, Instant firstDueAt,
                        boolean wentOverdue, boolean reachedEndOfChain) {

    /** The time from the report to its first acknowledgement, if it has one. */
    public Optional<Duration> timeToAcknowledge() {
        return Optional.ofNullable(firstAcknowledgedAt).map(at -> Duration.between(submittedAt, at));
    }

    public boolean acknowledgedWithinDeadline() {
        return firstAcknowledgedAt != null && !firstAcknowledgedAt.isAfter(firstDueAt);
    }
}
