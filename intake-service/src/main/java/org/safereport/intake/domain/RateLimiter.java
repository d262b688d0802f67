package org.safereport.intake.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * At most {@code maxRequests} per client in each fixed window. Windows are aligned to the epoch, so that
 * every replica counts into the same window; the counts themselves are kept where every replica sees them.
 * Clients are known by a hash of their address.
 */
public final class RateLimiter {

    /** Where the counts are kept, shared by every replica. */
    public interface Counts {
        /** Adds one request to {@code clientHash}'s count in the window starting at {@code windowStart}; returns the new count. */
        int increment(byte[] clientHash, Instant windowStart);
    }

    private final int maxRequests;
    private final Duration window;
    private final Counts counts;

    public RateLimiter(int maxRequests, Duration window, Counts counts) {
        this.maxRequests = maxRequests;
        this.window = window;
        this.counts = counts;
    }

    /** @return empty when the request may go ahead; otherwise how long the client should wait */
    public Optional<Duration> acquire(String clientAddress, Instant now) {
        Instant start = windowStart(now);
        if (counts.increment(clientHash(clientAddress), start) <= maxRequests) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, start.plus(window));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }

    /** The start of the window {@code now} is in. */
    public Instant windowStart(Instant now) {
        long windowMillis = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis);
    }

    public static byte[] clientHash(String clientAddress) {
        return IdempotencyKey.sha256(clientAddress);
    }
}
