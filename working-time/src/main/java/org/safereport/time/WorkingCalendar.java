package org.safereport.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * Working time in the policy's time zone: working days from {@code start} to {@code end}, except bank
 * holidays. Local times are converted with the zone's rules of the day, so deadlines stay right across
 * the clock changes.
 */
public record WorkingCalendar(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end,
                              Set<LocalDate> bankHolidays) {

    public WorkingCalendar {
        Objects.requireNonNull(zone, "zone");
        days = Set.copyOf(days);
        bankHolidays = Set.copyOf(bankHolidays);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("working hours need at least one working day");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("working hours must start before they end");
        }
    }

    /** The instant when {@code deadline} runs out, counting from {@code from}. */
    public Instant due(Instant from, Deadline deadline) {
        return deadline.clock() == Deadline.Clock.WALL ? from.plus(deadline.within()) : addWorkingTime(from, deadline.within());
    }

    private Instant addWorkingTime(Instant from, Duration amount) {
        LocalDateTime cursor = LocalDateTime.ofInstant(from, zone);
        Duration remaining = amount;
        while (true) {
            LocalDate day = cursor.toLocalDate();
            if (!isWorkingDay(day) || !cursor.toLocalTime().isBefore(end)) {
                cursor = nextWorkingDay(day).atTime(start);
                continue;
            }
            if (cursor.toLocalTime().isBefore(start)) {
                cursor = day.atTime(start);
            }
            Duration leftToday = Duration.between(cursor.toLocalTime(), end);
            if (remaining.compareTo(leftToday) <= 0) {
                return cursor.plus(remaining).atZone(zone).toInstant();
            }
            remaining = remaining.minus(leftToday);
            cursor = nextWorkingDay(day).atTime(start);
        }
    }

    /** An instant as people read it in the policy's time zone: "Wednesday 25 November 2026 at 13:00 GMT". */
    public String describe(Instant instant) {
        return DESCRIBE.format(instant.atZone(zone));
    }

    private static final java.time.format.DateTimeFormatter DESCRIBE =
            java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm zzz", java.util.Locale.UK);

    public boolean isWorkingDay(LocalDate day) {
        return days.contains(day.getDayOfWeek()) && !bankHolidays.contains(day);
    }

    private LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }
}
