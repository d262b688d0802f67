package org.safereport.escalation.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as a person reads them: in their own time zone, with how long until or since
 * ("Friday 27 November 2026 at 05:38 GMT, in 42 minutes").
 */
record LocalTimes(ZoneId zone, Instant now) {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm zzz", Locale.UK);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz", Locale.UK);

    /** The full date and time with how far away it is; empty for no time. */
    String describe(Instant instant) {
        return instant == null ? "" : FULL.format(instant.atZone(zone)) + ", " + relative(instant);
    }

    /** A shorter form for tables and lists. */
    String brief(Instant instant) {
        return instant == null ? "" : SHORT.format(instant.atZone(zone));
    }

    String relative(Instant instant) {
        Duration between = Duration.between(now, instant);
        boolean future = !between.isNegative();
        String amount = amount(between.abs());
        if (amount == null) {
            return "just now";
        }
        return future ? "in " + amount : amount + " ago";
    }

    /** A duration in words, "24 hours"; null under a minute. */
    static String amount(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return null;
        }
        if (minutes < 60) {
            return plural(minutes, "minute");
        }
        long hours = duration.toHours();
        if (hours < 48) {
            long rest = minutes % 60;
            return plural(hours, "hour") + (rest == 0 || hours >= 10 ? "" : " " + plural(rest, "minute"));
        }
        return plural(duration.toDays(), "day");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
