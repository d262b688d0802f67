package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.safereport.escalation.domain.CaseState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "escalation_case")
public class EscalationCase extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "report_id", nullable = false, unique = true)
    public UUID reportId;

    @Column(name = "source_event_id", nullable = false, unique = true)
    public UUID sourceEventId;

    @Column(nullable = false)
    public String reference;

    /** The category the report was filed under. */
    @Column(nullable = false)
    public String category;

    /** The category whose rule was applied: differs for a code the policy does not know. */
    @Column(name = "routed_category", nullable = false)
    public String routedCategory;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaseState state;

    @Column(name = "policy_version", nullable = false)
    public String policyVersion;

    @Column(name = "policy_hash", nullable = false)
    public String policyHash;

    @Column(name = "directory_version", nullable = false)
    public String directoryVersion;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    /** The directory id of the person the report is about, when they are in the directory. */
    @Column(name = "subject_person_id")
    public String subjectPersonId;

    /** The directory id of the reporter, when they gave their email and are in the directory. */
    @Column(name = "reporter_person_id")
    public String reporterPersonId;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    /** The outcome summary, shown to the reporter on the status page. */
    public String outcome;

    @Column(name = "reopened_at")
    public Instant reopenedAt;

    @Column(name = "reopened_by")
    public String reopenedBy;

    /** The internal note on closing, for staff only, sealed under the case's data key ({@link CaseSealing}). */
    @Column(name = "sealed_internal_note")
    public byte[] sealedInternalNote;

    /** When the case's content was purged at the end of its retention period; the row is its tombstone since. */
    @Column(name = "purged_at")
    public Instant purgedAt;

    /** Since when the case is under legal hold (never purged); {@code null} when it is not. */
    @Column(name = "legal_hold_since")
    public Instant legalHoldSince;

    @Column(name = "legal_hold_by")
    public String legalHoldBy;

    /** Why the case is under legal hold, sealed under the case's data key ({@link CaseSealing}). */
    @Column(name = "sealed_legal_hold_reason")
    public byte[] sealedLegalHoldReason;

    /**
     * The case's data key, wrapped by the key-encryption key {@link #keyId}: made with the first text that
     * needs it, dropped with the case's content when it is purged; {@code null} for neither.
     */
    @Column(name = "data_key")
    public byte[] dataKey;

    @Column(name = "key_id")
    public String keyId;

    public static List<UUID> idsNotWrappedBy(String keyId) {
        return getEntityManager().createQuery("select id from EscalationCase where keyId <> ?1", UUID.class)
                .setParameter(1, keyId).getResultList();
    }

    public static long countNotWrappedBy(String keyId) {
        return count("keyId <> ?1", keyId);
    }

    public static boolean existsForReport(UUID reportId) {
        // A query of our own: Panache's count() makes Hibernate build its count query afresh on every call.
        return getEntityManager().createQuery("select count(c) from EscalationCase c where c.reportId = :reportId", Long.class)
                .setParameter("reportId", reportId)
                .getSingleResult() > 0;
    }
}
