package org.safereport.testing.fuzz;

import org.safereport.testing.Soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a fuzz test's inputs and what went wrong with them, and prints one line at the end, e.g.
 * {@code fuzz JSON API: 812 inputs, 0 server errors, 0 other failures (seed 20261125)}. A server error
 * (5xx) is always a failure; each input may add its own invariant (the right status, a problem body
 * naming the field, a payload shown as text).
 */
public final class FuzzTally {

    private static final int SHOWN = 25;
    /** Every input of every tally in this test JVM (one module's tests): the last tally printed shows the module's total. */
    private static final AtomicLong RUN_TOTAL = new AtomicLong();

    private final String endpoint;
    private final long seed;
    private final long started = System.nanoTime();
    private final List<String> failures = new ArrayList<>();
    private int inputs;
    private int serverErrors;

    public FuzzTally(String endpoint, long seed) {
        this.endpoint = endpoint;
        this.seed = seed;
    }

    /**
     * One input and its answer's status: a failure when the status is 5xx or when {@code invariant} throws
     * an {@link AssertionError}.
     *
     * @param input what was sent, for the failure message (see {@link HostileInput#describe})
     */
    public void check(String input, int status, Runnable invariant) {
        inputs++;
        RUN_TOTAL.incrementAndGet();
        if (status >= 500) {
            serverErrors++;
            failures.add("#" + inputs + " " + input + " -> " + status);
            return;
        }
        try {
            invariant.run();
        } catch (AssertionError e) {
            failures.add("#" + inputs + " " + input + " -> " + status + ": " + firstLine(e.getMessage()));
        }
    }

    /** An input whose status alone is checked: never a server error. */
    public void check(String input, int status) {
        check(input, status, () -> { });
    }

    /** An input no HTTP status answers (an event on a topic), judged by its invariant alone. */
    public void check(String input, Runnable invariant) {
        check(input, 0, invariant);
    }

    /** A check about several inputs together (what the database holds after them), counted as no input. */
    public void verify(String what, Runnable invariant) {
        try {
            invariant.run();
        } catch (AssertionError e) {
            failures.add(what + ": " + firstLine(e.getMessage()));
        }
    }

    public int inputs() {
        return inputs;
    }

    /** Prints every failure and the tally, and fails with the first failures, if any. */
    public void finish() {
        failures.forEach(failure -> System.out.println("fuzz " + endpoint + " failed: " + failure));
        System.out.printf("fuzz %s: %d inputs, %d server errors, %d other failures (seed %d, %.1f s); %,d inputs in this %s run so far%n",
                endpoint, inputs, serverErrors, failures.size() - serverErrors, seed, (System.nanoTime() - started) / 1e9,
                RUN_TOTAL.get(), Soak.on() ? "soak" : "verify");
        if (!failures.isEmpty()) {
            throw new AssertionError("fuzz " + endpoint + ": " + failures.size() + " of " + inputs
                    + " inputs failed (replay with -Dfuzz.seed=" + seed + "):\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(SHOWN, failures.size())))
                    + (failures.size() > SHOWN ? "\n  ..." : ""));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "assertion failed";
        }
        String line = message.strip().replaceAll("\\s+", " ");
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }
}
