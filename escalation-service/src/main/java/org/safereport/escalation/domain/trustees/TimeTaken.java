package org.safereport.escalation.domain.trustees;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The middle and the 90th percentile of how long something took, and how to say a duration briefly. */
public final class TimeTaken {

    private TimeTaken() {
    }

    /** The median: the middle value, or the mean of the two middle values of an even count. */
    public static Optional<Duration> median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int middle = sorted.size() / 2;
        return Optional.of(sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2));
    }

    /**
     * The 90th percentile by nearest rank: the smallest value that at least 90% of the values do not exceed, so
     * always one that was measured.
     */
    public static Optional<Duration> ninetiethPercentile(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(0.9 * sorted.size());
        return Optional.of(sorted.get(rank - 1));
    }

    /** "under a minute", "45 min", "2 h 05 min", "3 days 4 h": to the minute, and to the hour past a day. */
    public static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return "under a minute";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            return "%d h %02d min".formatted(minutes / 60, minutes % 60);
        }
        long hours = minutes / 60;
        return (hours / 24) + (hours / 24 == 1 ? " day " : " days ") + (hours % 24) + " h";
    }
}
