package org.safereport.escalation.domain.trustees;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates a trustees' report covers, both days included, in the policy's time zone: a calendar quarter
 * ("2026-Q3") or any range of days up to {@link #LONGEST}.
 */
public record ReportingPeriod(LocalDate from, LocalDate to) {

    /** Ten years: the longest a case is kept, so a longer range would count nothing more. */
    public static final Period LONGEST = Period.ofYears(10);
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);

    public ReportingPeriod {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the end is before the start");
        }
        if (to.isAfter(from.plus(LONGEST))) {
            throw new IllegalArgumentException("a report covers at most ten years");
        }
    }

    /** The quarter {@code 2026-Q3}, or empty for a value not of that form. */
    public static Optional<ReportingPeriod> quarter(String name) {
        Matcher matcher = name == null ? null : QUARTER.matcher(name.strip().toUpperCase(Locale.ROOT));
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        LocalDate start = LocalDate.of(Integer.parseInt(matcher.group(1)), (Integer.parseInt(matcher.group(2)) - 1) * 3 + 1, 1);
        return Optional.of(new ReportingPeriod(start, start.plusMonths(3).minusDays(1)));
    }

    /** The calendar quarter {@code day} falls in. */
    public static ReportingPeriod quarterOf(LocalDate day) {
        LocalDate start = LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        return new ReportingPeriod(start, start.plusMonths(3).minusDays(1));
    }

    /** The quarter before this period starts. */
    public ReportingPeriod previousQuarter() {
        return quarterOf(from.minusDays(1));
    }

    /** {@code 2026-Q3} when the period is exactly a calendar quarter, else empty. */
    public Optional<String> quarterName() {
        return equals(quarterOf(from)) ? Optional.of(from.getYear() + "-Q" + ((from.getMonthValue() - 1) / 3 + 1))
                : Optional.empty();
    }

    /** As the report heads it: "July to September 2026 (2026-Q3)" or "1 March 2026 to 14 April 2026". */
    public String describe() {
        return quarterName().map(name -> from.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.UK) + " to "
                        + to.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.UK) + " " + from.getYear()
                        + " (" + name + ")")
                .orElseGet(() -> DAY.format(from) + " to " + DAY.format(to));
    }

    /** The first instant of the period in {@code zone}. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period in {@code zone}. */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
