package org.safereport.escalation.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safereport.time.Deadline;
import org.safereport.time.WorkingCalendar;

import java.time.Duration;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingCalendarTest {

    private final WorkingCalendar calendar = BundledPolicy.load().policy().calendar();

    @ParameterizedTest(name = "{0} + {1} on the {2} clock is due {3}")
    @CsvSource({
            // Friday 16:30 + 8 working hours: 30 min on Friday, 7 h 30 on Monday.
            "2026-11-20T16:30+00:00[Europe/London], PT8H, WORKING, 2026-11-23T16:30+00:00[Europe/London]",
            // Monday 31 August 2026 is a bank holiday, so Tuesday.
            "2026-08-28T16:30+01:00[Europe/London], PT8H, WORKING, 2026-09-01T16:30+01:00[Europe/London]",
            // Saturday evening starts counting on Monday at 09:00.
            "2026-11-21T20:00+00:00[Europe/London], PT8H, WORKING, 2026-11-23T17:00+00:00[Europe/London]",
            // Before opening: the count starts at 09:00.
            "2026-11-25T07:00+00:00[Europe/London], PT1H, WORKING, 2026-11-25T10:00+00:00[Europe/London]",
            // Exactly 17:00 is the end of the day's working time.
            "2026-11-25T09:00+00:00[Europe/London], PT8H, WORKING, 2026-11-25T17:00+00:00[Europe/London]",
            // 40 working hours are a working week, over the Christmas bank holidays of 2026.
            "2026-12-23T12:00+00:00[Europe/London], PT40H, WORKING, 2027-01-04T12:00+00:00[Europe/London]",
            // Across the clocks going forward (Sunday 29 March 2026): still 09:00-17:00 local time.
            "2026-03-27T13:00+00:00[Europe/London], PT8H, WORKING, 2026-03-30T13:00+01:00[Europe/London]",
            // Across the clocks going back (Sunday 25 October 2026).
            "2026-10-23T15:00+01:00[Europe/London], PT4H, WORKING, 2026-10-26T11:00+00:00[Europe/London]",
            // Wall-clock deadlines run through the night: 1 hour is 3,600 seconds, even across the change.
            "2026-10-25T00:30+01:00[Europe/London], PT1H, WALL, 2026-10-25T01:30+01:00[Europe/London]",
            "2026-10-25T01:30+01:00[Europe/London], PT1H, WALL, 2026-10-25T01:30+00:00[Europe/London]",
    })
    void deadlinesCountTheRightClock(ZonedDateTime from, Duration within, Deadline.Clock clock, ZonedDateTime due) {
        assertThat(calendar.due(from.toInstant(), new Deadline(within, clock))).isEqualTo(due.toInstant());
    }
}
