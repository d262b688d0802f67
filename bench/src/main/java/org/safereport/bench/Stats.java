package org.safereport.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Latency percentiles of one phase, in milliseconds, by the nearest-rank method: p99 of 200 samples is the
 * 198th smallest. No interpolation, so every figure is a latency that was really measured.
 */
public record Stats(int count, double p50, double p95, double p99, double max, double mean) {

    public static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** @param latenciesMicros one latency per sample, in microseconds */
    public static Stats of(Collection<Long> latenciesMicros) {
        return of(latenciesMicros.stream().mapToLong(Long::longValue).toArray());
    }

    public static Stats of(long[] latenciesMicros) {
        if (latenciesMicros.length == 0) {
            return EMPTY;
        }
        long[] sorted = latenciesMicros.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new Stats(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 95)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]), sum / sorted.length / 1000.0);
    }

    /** The nearest-rank median of {@code values}, in their unit. */
    static long median(Collection<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return percentile(sorted, 50);
    }

    /** The nearest-rank percentile of an ascending array: the value at rank ceil(p/100 * n). */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
