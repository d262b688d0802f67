package org.safereport.notification.domain;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the wait before attempt {@code n + 1} is random between half of
 * and the whole of {@code first * 2^(n-1)}, capped at {@code max}, so that retries after an outage do
 * not all arrive together.
 */
public record Backoff(Duration first, Duration max) {

    public Duration afterAttempt(int attempts, RandomGenerator random) {
        long ceiling = first.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        long capped = Math.min(ceiling, max.toMillis());
        return Duration.ofMillis(capped / 2 + random.nextLong(capped / 2 + 1));
    }
}
