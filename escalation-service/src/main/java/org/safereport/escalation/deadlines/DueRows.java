package org.safereport.escalation.deadlines;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import org.safereport.problem.ProblemMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How everything due in this service fires (a chain's deadline, a removal request's reminder and deadline): the
 * soonest due row is claimed {@code FOR UPDATE SKIP LOCKED}, so replicas never fire the same one, and fired in a
 * transaction of its own with what it writes. A failure of the row's own making is recorded on it, so that it is
 * tried again after the retry interval instead of blocking the rows behind it; a database out of reach stops the
 * round instead.
 */
public final class DueRows<T> {

    /** What a failure to fire a row leaves on it. */
    @FunctionalInterface
    public interface FailureRecord {
        void record(UUID id, Instant now, RuntimeException failure);
    }

    private final EntityManager entityManager;
    private final String claimQuery;
    private final Class<T> type;
    private final Function<T, UUID> id;
    private final Duration retryInterval;

    /**
     * @param claimQuery a native query of at most one row of {@code type}, due at {@code :now} and not failed since
     *                   {@code :retryFrom}, ending {@code FOR UPDATE SKIP LOCKED}
     */
    public DueRows(EntityManager entityManager, String claimQuery, Class<T> type, Function<T, UUID> id, Duration retryInterval) {
        this.entityManager = entityManager;
        this.claimQuery = claimQuery;
        this.type = type;
        this.id = id;
        this.retryInterval = retryInterval;
    }

    /** Fires the soonest due row, if any; {@code false} when none is due. */
    public boolean fireNext(Instant now, BiConsumer<T, Instant> fire, FailureRecord failureRecord) {
        AtomicReference<UUID> claimed = new AtomicReference<>();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<T> due = entityManager.createNativeQuery(claimQuery, type)
                        .setParameter("now", now)
                        .setParameter("retryFrom", now.minus(retryInterval))
                        .getResultList();
                if (due.isEmpty()) {
                    return false;
                }
                claimed.set(id.apply(due.get(0)));
                fire.accept(due.get(0), now);
                return true;
            });
        } catch (RuntimeException e) {
            if (claimed.get() == null || ProblemMapper.isDatabaseUnavailable(e)) {
                throw e;  // not the row's doing: the round stops, and the next check starts another
            }
            failureRecord.record(claimed.get(), now, e);
            return true;
        }
    }
}
