package org.safereport.intake.keys;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.safereport.envelope.Envelopes;
import org.safereport.envelope.WrappedDataKey;
import org.safereport.intake.persistence.Report;

import java.util.List;
import java.util.UUID;

/**
 * Rotation of the key-encryption key: once ops have put a new primary key into the keyset Secret (the
 * service reads the file again when it changes), each report's data key still wrapped by an older key is
 * re-wrapped by the primary, one report per transaction. Nothing a data key encrypted is encrypted again,
 * and a run that stops half way leaves every report readable; running it again finishes the rest.
 */
@ApplicationScoped
public class DataKeyRewrap {

    private static final Logger LOG = Logger.getLogger(DataKeyRewrap.class);

    /**
     * @param primaryKeyId what every data key is wrapped by once {@code remaining} is 0: then older keys can leave the keyset
     * @param rewrapped    data keys re-wrapped by this run
     * @param remaining    reports still under another key (one that failed, or filed by a replica that had not yet read the new keyset)
     */
    public record Outcome(String primaryKeyId, int rewrapped, long remaining) {
    }

    private final Envelopes envelopes;
    private final EntityManager entityManager;

    DataKeyRewrap(Envelopes envelopes, EntityManager entityManager) {
        this.envelopes = envelopes;
        this.entityManager = entityManager;
    }

    public Outcome rewrapAll() {
        String primary = envelopes.primaryKeyId();
        List<UUID> older = QuarkusTransaction.requiringNew().call(() -> Report.idsNotWrappedBy(primary));
        int rewrapped = 0;
        for (UUID reportId : older) {
            if (QuarkusTransaction.requiringNew().call(() -> rewrap(reportId))) {
                rewrapped++;
            }
        }
        long remaining = QuarkusTransaction.requiringNew().call(() -> Report.countNotWrappedBy(primary));
        LOG.infof("Data keys re-wrapped by key %s: %d; %d report(s) still under another key", primary, rewrapped, remaining);
        return new Outcome(primary, rewrapped, remaining);
    }

    /** Under a row lock, so that two runs at once re-wrap each report once. */
    private boolean rewrap(UUID reportId) {
        Report report = entityManager.find(Report.class, reportId, LockModeType.PESSIMISTIC_WRITE);
        return envelopes.rewrapped(new WrappedDataKey(report.dataKey, report.keyId))
                .map(rewrapped -> {
                    report.dataKey = rewrapped.bytes();
                    report.keyId = rewrapped.keyId();
                    return true;
                })
                .orElse(false);
    }
}
