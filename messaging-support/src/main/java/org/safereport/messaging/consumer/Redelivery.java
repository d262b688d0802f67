package org.safereport.messaging.consumer;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Retries the handling of a consumed message until its transaction commits, so that a database outage
 * pauses consumption instead of losing the message: the record is only acknowledged once handled.
 * On shutdown it gives up without acknowledging, and Kafka redelivers the record after the restart.
 * A message that can never be handled (it cannot be parsed) must be rejected before it gets here; one
 * the database refuses for its data (SQLSTATE class 22: a value too long, out of range, not valid text)
 * would be refused on every attempt and hold up every record behind it, so it goes to the dead-letter
 * topic instead, with the reason.
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
                String refusedData = refusedData(e);
                if (refusedData != null) {
                    throw new UnreadableMessageException("the database refuses the data of " + what + ": " + refusedData, e);
                }
                if (stopping) {
                    throw new IllegalStateException("shutting down: " + what + " will be redelivered", e);
                }
                LOG.warnf("Could not handle %s (attempt %d), retrying in %d ms: %s", what, attempt, backoff.toMillis(), e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    /** The database's reason when it refused a value itself (SQLSTATE class 22), or {@code null}. */
    static String refusedData(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return "SQLSTATE " + sql.getSQLState();
            }
        }
        return null;
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
