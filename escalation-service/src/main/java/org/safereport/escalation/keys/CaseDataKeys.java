package org.safereport.escalation.keys;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.safereport.envelope.DataKeyRewrap;
import org.safereport.envelope.Envelopes;
import org.safereport.envelope.WrappedDataKey;
import org.safereport.envelope.WrappedDataKeys;
import org.safereport.escalation.persistence.EscalationCase;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rotation of escalation's key-encryption key: the service re-wraps its cases' data keys by itself, on a
 * schedule, as soon as it reads a keyset whose primary key is new (ops need call nothing, and every replica
 * may run it: each case is re-wrapped under its row lock, once). Between changes a run costs one indexed
 * count.
 */
@ApplicationScoped
public class CaseDataKeys implements WrappedDataKeys {

    private final DataKeyRewrap rewrap;
    private final Envelopes envelopes;
    private final EntityManager entityManager;

    CaseDataKeys(DataKeyRewrap rewrap, Envelopes envelopes, EntityManager entityManager) {
        this.rewrap = rewrap;
        this.envelopes = envelopes;
        this.entityManager = entityManager;
    }

    @Scheduled(every = "${escalation.encryption.rewrap-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRewrap() {
        String primary = envelopes.primaryKeyId();
        if (QuarkusTransaction.requiringNew().call(() -> countNotWrappedBy(primary)) > 0) {
            rewrapAll();
        }
    }

    public DataKeyRewrap.Outcome rewrapAll() {
        return rewrap.rewrapAll(this);
    }

    @Override
    public String recordName() {
        return "case";
    }

    @Override
    public List<UUID> idsNotWrappedBy(String keyId) {
        return EscalationCase.idsNotWrappedBy(keyId);
    }

    @Override
    public long countNotWrappedBy(String keyId) {
        return EscalationCase.countNotWrappedBy(keyId);
    }

    @Override
    public Optional<WrappedDataKey> lockedDataKey(UUID caseId) {
        EscalationCase escalationCase = entityManager.find(EscalationCase.class, caseId, LockModeType.PESSIMISTIC_WRITE);
        // A case purged since it was listed has no data key any more.
        return escalationCase == null || escalationCase.dataKey == null
                ? Optional.empty()
                : Optional.of(new WrappedDataKey(escalationCase.dataKey, escalationCase.keyId));
    }

    @Override
    public void replaceDataKey(UUID caseId, WrappedDataKey rewrapped) {
        EscalationCase escalationCase = entityManager.find(EscalationCase.class, caseId);
        escalationCase.dataKey = rewrapped.bytes();
        escalationCase.keyId = rewrapped.keyId();
    }
}
