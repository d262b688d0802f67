package org.safereport.time;

import java.time.Duration;
import java.util.Objects;

/**
 * The time a recipient has to acknowledge: {@code within} on the {@code clock}, where {@link Clock#WALL}
 * runs day and night and {@link Clock#WORKING} counts only the policy's working hours.
 */
public record Deadline(Duration within, Clock clock) {

    public enum Clock {
        WALL,
        WORKING
    }

    public Deadline {
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(clock, "clock");
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("a deadline must be positive, was " + within);
        }
    }

    /** As stored with a case: {@code PT8H WORKING}. */
    public String spec() {
        return within + " " + clock;
    }

    public static Deadline parse(String spec) {
        String[] parts = spec.trim().split(" ");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a deadline: " + spec);
        }
        return new Deadline(Duration.parse(parts[0]), Clock.valueOf(parts[1]));
    }

    /** "1 hour", "8 working hours", "90 minutes". */
    public String describe() {
        long minutes = within.toMinutes();
        String amount = minutes % 60 == 0
                ? (minutes / 60) + (minutes == 60 ? " hour" : " hours")
                : minutes + " minutes";
        return clock == Clock.WORKING ? amount.replace(" hour", " working hour") : amount;
    }
}
