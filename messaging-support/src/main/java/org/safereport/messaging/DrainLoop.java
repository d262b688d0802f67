package org.safereport.messaging;

import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * Works through a database-backed queue on one background thread: {@link #request()} right after a
 * commit makes new work start at once, and a timer calling it picks up what a crash or an outage left
 * behind. Requests coalesce: at most one drain runs and at most one more waits behind it.
 */
public final class DrainLoop {

    private static final Logger LOG = Logger.getLogger(DrainLoop.class);

    private final String name;
    private final IntSupplier batch;
    private final int batchSize;
    private final ExecutorService worker;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopping;

    /**
     * @param batch handles one batch of at most {@code batchSize} items in its own transaction and returns
     *              how many it handled; a full batch means there may be more
     */
    public DrainLoop(String name, int batchSize, IntSupplier batch) {
        this.name = name;
        this.batch = batch;
        this.batchSize = batchSize;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void request() {
        if (!stopping && requested.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        requested.set(false);
        try {
            int handled;
            do {
                handled = batch.getAsInt();
            } while (handled >= batchSize && !stopping);
        } catch (RuntimeException e) {
            // Kafka, SMTP or the database is unavailable: the work stays queued and the next request retries.
            LOG.warnf("%s could not finish, will retry: %s", name, e.toString());
        }
    }

    /** Lets a batch in flight finish, so that what it did is recorded; the rest waits for the next start. */
    public void stop(long timeoutSeconds) {
        stopping = true;
        worker.shutdown();
        try {
            worker.awaitTermination(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
