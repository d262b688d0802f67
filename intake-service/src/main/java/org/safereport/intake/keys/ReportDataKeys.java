package org.safereport.intake.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.safereport.envelope.WrappedDataKey;
import org.safereport.envelope.WrappedDataKeys;
import org.safereport.intake.persistence.Report;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reports' data keys, as {@link org.safereport.envelope.DataKeyRewrap} re-wraps them after a rotation. */
@ApplicationScoped
public class ReportDataKeys implements WrappedDataKeys {

    private final EntityManager entityManager;

    ReportDataKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public String recordName() {
        return "report";
    }

    @Override
    public List<UUID> idsNotWrappedBy(String keyId) {
        return Report.idsNotWrappedBy(keyId);
    }

    @Override
    public long countNotWrappedBy(String keyId) {
        return Report.countNotWrappedBy(keyId);
    }

    @Override
    public Optional<WrappedDataKey> lockedDataKey(UUID reportId) {
        // A report purged since it was listed has no data key any more.
        return Optional.ofNullable(entityManager.find(Report.class, reportId, LockModeType.PESSIMISTIC_WRITE))
                .filter(report -> report.dataKey != null)
                .map(report -> new WrappedDataKey(report.dataKey, report.keyId));
    }

    @Override
    public void replaceDataKey(UUID reportId, WrappedDataKey rewrapped) {
        Report report = entityManager.find(Report.class, reportId);
        report.dataKey = rewrapped.bytes();
        report.keyId = rewrapped.keyId();
    }
}
