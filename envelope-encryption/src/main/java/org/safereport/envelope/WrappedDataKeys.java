package org.safereport.envelope;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where a service keeps its records' wrapped data keys, as {@link DataKeyRewrap} re-wraps them. */
public interface WrappedDataKeys {

    /** What the records are, for the log ("report", "case"). */
    String recordName();

    /** The records whose data key is wrapped by another key than {@code keyId}. */
    List<UUID> idsNotWrappedBy(String keyId);

    long countNotWrappedBy(String keyId);

    /**
     * The record's data key, its row locked until the transaction ends, so that two runs at once re-wrap
     * each key once; empty when the record has none (any more).
     */
    Optional<WrappedDataKey> lockedDataKey(UUID recordId);

    /** Stores the re-wrapped key in the record locked by {@link #lockedDataKey}. */
    void replaceDataKey(UUID recordId, WrappedDataKey rewrapped);
}
