package org.safereport.escalation.domain.policy;

import java.time.Duration;

/**
 * How those who have not yet confirmed reading the policy version in force are reminded: every {@code interval}
 * after their invitation (or last reminder), at most {@code limit} times.
 */
public record ReadingReminders(Duration interval, int limit) {

    /** Weekly, four times: a month of reminders after the invitation. */
    public static final ReadingReminders DEFAULT = new ReadingReminders(Duration.ofDays(7), 4);

    /** How long the link in an invitation or a reminder stays valid: until the reminders could have run their course. */
    public Duration linkValidity() {
        return interval.multipliedBy(limit + 1L);
    }
}
