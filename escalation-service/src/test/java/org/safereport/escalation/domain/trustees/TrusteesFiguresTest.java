package org.safereport.escalation.domain.trustees;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrusteesFiguresTest {

    private static final Instant T0 = Instant.parse("2026-04-14T09:00:00Z");
    private static final ReportingPeriod Q2 = ReportingPeriod.quarter("2026-Q2").orElseThrow();

    private static CaseFacts acknowledgedAfter(String category, int minutes, int deadlineMinutes) {
        return new CaseFacts(category, T0, T0.plus(Duration.ofMinutes(minutes)), T0.plus(Duration.ofMinutes(deadlineMinutes)),
                minutes > deadlineMinutes, false);
    }

    @Test
    void countsAndTimesPerCategoryAndInTotalAsCountedByHand() {
        List<CaseFacts> cases = List.of(
                acknowledgedAfter("RESIDENT_CONTACT", 20, 60),
                acknowledgedAfter("RESIDENT_CONTACT", 60, 60),      // on the deadline itself: within it
                acknowledgedAfter("RESIDENT_CONTACT", 90, 60),
                acknowledgedAfter("RESIDENT_CONTACT", 45, 60),
                new CaseFacts("UNINTENDED_CONTACT", T0, null, T0.plus(Duration.ofHours(4)), true, true),
                acknowledgedAfter("RETIRED_CATEGORY", 5, 60));
        TrusteesFigures figures = TrusteesFigures.of(Q2, List.of(
                new TrusteesFigures.CategoryHeading("RESIDENT_CONTACT", "A resident contacted me", "1 hour"),
                new TrusteesFigures.CategoryHeading("UNINTENDED_CONTACT", "I contacted a resident", "4 hours"),
                new TrusteesFigures.CategoryHeading("GRIEVANCE", "A grievance", "8 working hours")), cases);

        assertThat(figures.categories()).extracting(TrusteesFigures.CategoryFigures::code)
                .as("the policy's order, every category, then one the policy no longer has")
                .containsExactly("RESIDENT_CONTACT", "UNINTENDED_CONTACT", "GRIEVANCE", "RETIRED_CATEGORY");
        TrusteesFigures.CategoryFigures resident = figures.categories().get(0);
        assertThat(resident.reports()).isEqualTo(4);
        assertThat(resident.acknowledged()).isEqualTo(4);
        assertThat(resident.acknowledgedWithinDeadline()).isEqualTo(3);
        assertThat(resident.percentWithinDeadline()).isEqualTo(75);
        // 20, 45, 60, 90: the median is the mean of 45 and 60; the 90th percentile is the 4th of 4 by nearest rank.
        assertThat(resident.medianTimeToAcknowledge()).contains(Duration.ofMinutes(52).plusSeconds(30));
        assertThat(resident.ninetiethPercentileTimeToAcknowledge()).contains(Duration.ofMinutes(90));
        assertThat(resident.wentOverdue()).isEqualTo(1);

        TrusteesFigures.CategoryFigures unintended = figures.categories().get(1);
        assertThat(unintended.acknowledged()).isZero();
        assertThat(unintended.medianTimeToAcknowledge()).isEmpty();
        assertThat(unintended.percentWithinDeadline()).isZero();
        assertThat(unintended.reachedEndOfChain()).isEqualTo(1);

        TrusteesFigures.CategoryFigures grievance = figures.categories().get(2);
        assertThat(grievance.reports()).isZero();
        assertThat(grievance.percentWithinDeadline()).as("nothing reported, no division by zero").isZero();
        assertThat(figures.categories().get(3).label()).as("a retired category keeps its code as its name").isEqualTo("RETIRED_CATEGORY");

        TrusteesFigures.CategoryFigures total = figures.total();
        assertThat(total.reports()).isEqualTo(6);
        assertThat(total.acknowledgedWithinDeadline()).isEqualTo(4);
        // 5, 20, 45, 60, 90: the middle one; the 90th percentile is the 5th of 5 (ceil(4.5)).
        assertThat(total.medianTimeToAcknowledge()).contains(Duration.ofMinutes(45));
        assertThat(total.ninetiethPercentileTimeToAcknowledge()).contains(Duration.ofMinutes(90));
        assertThat(total.wentOverdue()).isEqualTo(2);
        assertThat(total.reachedEndOfChain()).isEqualTo(1);
    }

    @Test
    void theNinetiethPercentileIsAMeasuredValueByNearestRank() {
        List<Duration> tenMinutesToOneHundred = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> Duration.ofMinutes(10L * i)).toList();
        assertThat(TimeTaken.ninetiethPercentile(tenMinutesToOneHundred)).contains(Duration.ofMinutes(90));
        assertThat(TimeTaken.ninetiethPercentile(List.of(Duration.ofMinutes(7)))).contains(Duration.ofMinutes(7));
        assertThat(TimeTaken.median(List.of())).isEmpty();
    }

    @Test
    void timesAreWrittenBriefly() {
        assertThat(TimeTaken.describe(Duration.ofSeconds(40))).isEqualTo("under a minute");
        assertThat(TimeTaken.describe(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(TimeTaken.describe(Duration.ofMinutes(125))).isEqualTo("2 h 05 min");
        assertThat(TimeTaken.describe(Duration.ofHours(28).plusMinutes(59))).isEqualTo("1 day 4 h");
        assertThat(TimeTaken.describe(Duration.ofDays(3))).isEqualTo("3 days 0 h");
    }

    @Test
    void periodsAreQuartersOrRangesOfDays() {
        assertThat(Q2.from()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(Q2.to()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(Q2.describe()).isEqualTo("April to June 2026 (2026-Q2)");
        assertThat(ReportingPeriod.quarter("2026-q4")).contains(ReportingPeriod.quarterOf(LocalDate.of(2026, 12, 31)));
        assertThat(ReportingPeriod.quarter("2026-Q5")).isEmpty();
        assertThat(ReportingPeriod.quarter("2026-Q1 OR 1=1")).isEmpty();
        assertThat(ReportingPeriod.quarterOf(LocalDate.of(2027, 1, 1)).previousQuarter().quarterName()).contains("2026-Q4");

        ReportingPeriod range = new ReportingPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 14));
        assertThat(range.quarterName()).isEqualTo(Optional.empty());
        assertThat(range.describe()).isEqualTo("1 March 2026 to 14 April 2026");
        assertThat(range.end(java.time.ZoneId.of("Europe/London"))).as("the last day included, to its end in local time")
                .isEqualTo(Instant.parse("2026-04-14T23:00:00Z"));
        assertThatThrownBy(() -> new ReportingPeriod(LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportingPeriod(LocalDate.of(2010, 1, 1), LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
