package org.safereport.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: request {@code i} is due at {@code start + i / rate}, whatever became of
 * the requests before it, and its latency is measured from that intended time, not from when it could
 * be sent; a stalled server therefore shows in the figures instead of slowing the load down (no
 * coordinated omission). The count is fixed by rate and duration, and at most {@code maxInFlight}
 * requests are outstanding: one due beyond that counts as an error, not as a wait.
 */
final class OpenLoop {

    /** What a target answered: whether it accepted, and the key its email will carry (a reference, an alert id). */
    record Outcome(boolean accepted, String key, String error) {
    }

    /** Sends request {@code index}; completes when the answer is in. */
    interface Target {
        CompletableFuture<Outcome> send(int index);
    }

    /**
     * One request.
     *
     * @param intendedEpochMicros when it was due, wall clock (to compare with the SMTP server's receive time)
     * @param latencyMicros from when it was due to its answer
     */
    record Sample(long intendedEpochMicros, long latencyMicros, boolean accepted, String key, String error) {
    }

    /** The samples of a phase, and how long the sending took (from the first due time to the last answer). */
    record Run(List<Sample> samples, double seconds) {
    }

    private OpenLoop() {
    }

    static Run run(double rate, Duration duration, int maxInFlight, Target target) throws InterruptedException {
        int count = (int) Math.round(rate * duration.toMillis() / 1000.0);
        long period = Math.round(1_000_000_000.0 / rate);
        Sample[] samples = new Sample[count];
        List<CompletableFuture<Void>> pending = new ArrayList<>(count);
        AtomicInteger inFlight = new AtomicInteger();
        long nanoBase = System.nanoTime();
        long epochBaseMicros = System.currentTimeMillis() * 1000;
        long start = nanoBase + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = 0; i < count; i++) {
            long intended = start + i * period;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long intendedEpoch = epochBaseMicros + (intended - nanoBase) / 1000;
            int index = i;
            if (inFlight.get() >= maxInFlight) {
                samples[i] = new Sample(intendedEpoch, 0, false, null, "more than " + maxInFlight + " requests in flight");
                continue;
            }
            inFlight.incrementAndGet();
            CompletableFuture<Outcome> answer;
            try {
                answer = target.send(index);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            pending.add(answer.handle((outcome, failure) -> {
                long latency = (System.nanoTime() - intended) / 1000;
                inFlight.decrementAndGet();
                samples[index] = failure != null
                        ? new Sample(intendedEpoch, latency, false, null, rootMessage(failure))
                        : new Sample(intendedEpoch, latency, outcome.accepted(), outcome.key(), outcome.error());
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // Requests still unanswered after a minute count as errors below.
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Sample> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Sample sample = samples[i];
            result.add(sample != null ? sample : new Sample(epochBaseMicros + (start + i * period - nanoBase) / 1000,
                    0, false, null, "no answer within a minute"));
        }
        return new Run(result, seconds);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
