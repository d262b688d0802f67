package org.safereport.messaging.consumer;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.safereport.problem.ProblemMapper;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Retries the handling of a consumed message until its transaction commits. While the database is out of
 * reach there is no limit: consumption pauses instead of losing the message, since the record is only
 * acknowledged once handled. Any other failure may pass (a lock conflict, two copies of an event racing)
 * or come back on every attempt (a bug, a report the router cannot place), and the latter would hold up
 * every record behind it on its partition: it gets {@code consumer.retry.max-attempts} attempts with
 * exponential backoff, then the message goes to the dead-letter topic. One the database refuses for its
 * data (SQLSTATE class 22: a value too long, out of range, not valid text) would be refused on every
 * attempt, so it goes there at once. On shutdown it gives up without acknowledging, and Kafka redelivers
 * the record after the restart.
 */
@ApplicationScoped
public class Redelivery {

    private static final Logger LOG = Logger.getLogger(Redelivery.class);

    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private volatile boolean stopping;

    public Redelivery(@ConfigProperty(name = "consumer.retry.first-backoff", defaultValue = "PT0.2S") Duration firstBackoff,
                      @ConfigProperty(name = "consumer.retry.max-backoff", defaultValue = "PT30S") Duration maxBackoff,
                      @ConfigProperty(name = "consumer.retry.max-attempts", defaultValue = "5") int maxAttempts) {
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Runs {@code handling} until it completes without an exception.
     *
     * @param what the message in a log line or a dead-letter reason, e.g. "report SM-7KQ4-2M9X"; never personal data
     * @throws DeadLetterException when the message is to go to the dead-letter topic
     */
    public void untilHandled(String what, Runnable handling) {
        Duration backoff = firstBackoff;
        int failures = 0;  // those with the database in reach: only these count towards the limit
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
                    throw new DeadLetterException(DeadLetterException.Reason.REFUSED_DATA,
                            "the database refuses the data of " + what + ": " + refusedData);
                }
                if (stopping) {
                    throw new IllegalStateException("shutting down: " + what + " will be redelivered", e);
                }
                if (!ProblemMapper.isDatabaseUnavailable(e) && ++failures >= maxAttempts) {
                    throw new DeadLetterException(DeadLetterException.Reason.KEPT_FAILING,
                            what + " failed on " + failures + " attempts: " + PersonalData.describe(e));
                }
                LOG.warnf("Could not handle %s (attempt %d), retrying in %d ms: %s", what, attempt, backoff.toMillis(),
                        PersonalData.redact(e.toString()));
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
