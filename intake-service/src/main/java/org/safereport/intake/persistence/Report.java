package org.safereport.intake.persistence;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.safereport.intake.domain.ReportStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A report as filed, and where it stands. What the reporter wrote is in {@link #sealedContent}, encrypted
 * ({@link ReportSealing}); the rest is what queries and the status page need.
 */
@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String reference;

    @Column(nullable = false)
    public String category;

    /** {@link ReportContent} as JSON, encrypted with the data key: everything the reporter wrote. Null once purged. */
    @Column(name = "sealed_content")
    public byte[] sealedContent;

    /** The report's data key, wrapped by the key-encryption key {@link #keyId}. */
    @Column(name = "data_key")
    public byte[] dataKey;

    @Column(name = "key_id")
    public String keyId;

    /** Keyed hashes of the reporter's and the subject's email address ({@link ReportSealing#emailIndex}). */
    @Column(name = "reporter_email_index")
    public byte[] reporterEmailIndex;

    @Column(name = "subject_email_index")
    public byte[] subjectEmailIndex;

    @Column(nullable = false)
    public boolean anonymous;

    @Column(name = "email_receipt", nullable = false)
    public boolean emailReceipt;

    @Column(name = "young_person_at_risk", nullable = false)
    public boolean youngPersonAtRisk;

    @Column(name = "receipt_code_hash")
    public byte[] receiptCodeHash;

    /** What the reporter was told, from the policy in force when they submitted. */
    @Column(name = "category_label")
    public String categoryLabel;

    @Column(name = "handled_by_title")
    public String handledByTitle;

    @Column(name = "expected_response_by")
    public Instant expectedResponseBy;

    @Column(name = "policy_version")
    public String policyVersion;

    @Column(name = "evidence_count", nullable = false)
    public int evidenceCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportStatus status;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "with_role_title")
    public String withRoleTitle;

    @Column(name = "respond_by")
    public Instant respondBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    public String outcome;

    /** When the report's content was purged at the end of its case's retention period; {@code null} until then. */
    @Column(name = "purged_at")
    public Instant purgedAt;

    /** The occurredAt of the case.status event the status comes from: an older event changes nothing. */
    @Column(name = "status_updated_at")
    public Instant statusUpdatedAt;

    public static Optional<Report> findByReference(String reference) {
        return find("reference", reference).firstResultOptional();
    }

    /**
     * The reports {@code email} filed (when not anonymous: an anonymous report keeps no address) or is the
     * subject of, oldest first, for a person's request for their data; found by the address's keyed hash.
     */
    public static List<Report> findInvolving(String email) {
        byte[] hash = Arc.container().instance(ReportSealing.class).get().emailIndex(email);
        if (hash == null) {
            return List.of();
        }
        return list("reporterEmailIndex = ?1 or subjectEmailIndex = ?1 order by submittedAt, reference", hash);
    }

    /** The reports whose data key is wrapped by another key than {@code keyId}, for rotation. */
    public static List<UUID> idsNotWrappedBy(String keyId) {
        return getEntityManager().createQuery("select id from Report where keyId <> ?1", UUID.class)
                .setParameter(1, keyId).getResultList();
    }

    public static long countNotWrappedBy(String keyId) {
        return count("keyId <> ?1", keyId);
    }

    /** The reference alone, without loading the report. */
    public static Optional<String> referenceOf(UUID id) {
        return getEntityManager().createQuery("select reference from Report where id = ?1", String.class)
                .setParameter(1, id).getResultStream().findFirst();
    }
}
