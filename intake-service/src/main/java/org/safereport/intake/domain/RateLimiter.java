package org.safereport.intake.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code maxRequests} per client in each fixed window. In memory, per replica: it keeps one
 * client from flooding the form, it is not an accounting system, so losing it on a restart is harmless.
 */
public final class RateLimiter {

    private record Window(Instant start, int used) {
    }

    private final int maxRequests;
    private final Duration window;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int maxRequests, Duration window) {
        this.maxRequests = maxRequests;
        this.window = window;
    }

    /** @return empty when the request may go ahead; otherwise how long the client should wait */
    public Optional<Duration> acquire(String client, Instant now) {
        Window current = windows.compute(client, (key, existing) ->
                existing == null || !now.isBefore(existing.start().plus(window))
                        ? new Window(now, 1)
                        : new Window(existing.start(), existing.used() + 1));
        if (current.used() <= maxRequests) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, current.start().plus(window));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }

    /** Drops windows that have ended, so that the map does not grow with every client ever seen. */
    public void forgetEnded(Instant now) {
        windows.values().removeIf(existing -> !now.isBefore(existing.start().plus(window)));
    }
}
