package org.safereport.notification.domain;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * What becomes of a delivery after a failed attempt: a transient failure is retried after a backoff until
 * {@code maxAttempts} attempts have been made, then it is given up as permanent, so that every delivery
 * ends as sent or as a reported failure.
 */
public record RetryPolicy(Backoff backoff, int maxAttempts) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
    }

    /**
     * @param nextAttemptAt when to try again; {@code null} when the failure is final
     * @param reason the failure's reason, saying so when the delivery was given up for too many attempts
     */
    public record Decision(DeliveryState state, Instant nextAttemptAt, String reason) {

        public boolean isFinal() {
            return state == DeliveryState.FAILED_PERMANENT;
        }
    }

    /** @param attempts how many attempts have been made, the failed one included */
    public Decision afterFailure(int attempts, AttemptOutcome.Failed failure, Instant now, RandomGenerator random) {
        if (failure.permanent()) {
            return new Decision(DeliveryState.FAILED_PERMANENT, null, failure.reason());
        }
        if (attempts >= maxAttempts) {
            return new Decision(DeliveryState.FAILED_PERMANENT, null,
                    "gave up after " + attempts + " attempts; last: " + failure.reason());
        }
        return new Decision(DeliveryState.FAILED_TRANSIENT, now.plus(backoff.afterAttempt(attempts, random)), failure.reason());
    }
}
