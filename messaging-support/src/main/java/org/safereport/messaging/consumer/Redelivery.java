package org.safereport.messaging.consumer;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Retries the handling of a consumed message until its transaction commits, so that a database outage
 * pauses consumption instead of losing the message: the record is only acknowledged once handled.
 * On shutdown it gives up without acknowledging, and Kafka redelivers the record after the restart.
 * A message that can never be handled (it cannot be parsed) must be rejected before it gets here.
 */
@ApplicationScoped
public class Redelivery {

    private static final Logger LOG = Logger.getLogger(Redelivery.class);

    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private volatile boolean stopping;

    public Redelivery(@ConfigProperty(name = "consumer.retry.first-backoff", defaultValue = "PT0.2S") Duration firstBackoff,
                      @ConfigProperty(name = "consumer.retry.max-backoff", defaultValue = "PT30S") Duration maxBackoff) {
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Runs {@code handling} until it completes without an exception. */
    public void untilHandled(String what, Runnable handling) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                handling.run();
                if (attempt > 1) {
                    LOG.infof("Handled %s after %d attempts", what, attempt);
                }
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw new IllegalStateException("shutting down: " + what + " will be redelivered", e);
                }
                LOG.warnf("Could not handle %s (attempt %d), retrying in %d ms: %s", what, attempt, backoff.toMillis(), e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    public void onShutdown(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }
}
