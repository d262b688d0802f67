package org.safereport.envelope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Rotation of the key-encryption key: once ops have put a new primary key into the keyset Secret (the
 * service reads the file again when it changes), each record's data key still wrapped by an older key is
 * re-wrapped by the primary, one record per transaction. Nothing a data key encrypted is encrypted again,
 * and a run that stops half way leaves every record readable; running it again finishes the rest.
 */
@ApplicationScoped
public class DataKeyRewrap {

    private static final Logger LOG = Logger.getLogger(DataKeyRewrap.class);

    /**
     * @param primaryKeyId what every data key is wrapped by once {@code remaining} is 0: then older keys can leave the keyset
     * @param rewrapped    data keys re-wrapped by this run
     * @param remaining    records still under another key (one that failed, or written by a replica that had not yet read the new keyset)
     */
    public record Outcome(String primaryKeyId, int rewrapped, long remaining) {
    }

    private final Envelopes envelopes;

    DataKeyRewrap(Envelopes envelopes) {
        this.envelopes = envelopes;
    }

    public Outcome rewrapAll(WrappedDataKeys records) {
        String primary = envelopes.primaryKeyId();
        List<UUID> older = QuarkusTransaction.requiringNew().call(() -> records.idsNotWrappedBy(primary));
        int rewrapped = 0;
        for (UUID recordId : older) {
            if (QuarkusTransaction.requiringNew().call(() -> rewrap(records, recordId))) {
                rewrapped++;
            }
        }
        long remaining = QuarkusTransaction.requiringNew().call(() -> records.countNotWrappedBy(primary));
        LOG.infof("Data keys re-wrapped by key %s: %d; %d %s(s) still under another key", primary, rewrapped, remaining,
                records.recordName());
        return new Outcome(primary, rewrapped, remaining);
    }

    private boolean rewrap(WrappedDataKeys records, UUID recordId) {
        return records.lockedDataKey(recordId)
                .flatMap(envelopes::rewrapped)
                .map(rewrapped -> {
                    records.replaceDataKey(recordId, rewrapped);
                    return true;
                })
                .orElse(false);
    }
}
