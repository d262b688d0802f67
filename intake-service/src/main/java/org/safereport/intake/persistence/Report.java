package org.safereport.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.safereport.intake.domain.Platform;
import org.safereport.intake.domain.ReportStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String reference;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String description;

    @Column(name = "occurred_on")
    public LocalDate occurredOn;

    @Column(name = "occurred_time")
    public LocalTime occurredTime;

    @Enumerated(EnumType.STRING)
    public Platform platform;

    @Column(name = "platform_other")
    public String platformOther;

    /** One URL a line (a URL has no line break). */
    public String links;

    @Column(name = "reporter_name")
    public String reporterName;

    @Column(name = "reporter_email")
    public String reporterEmail;

    @Column(name = "reporter_phone")
    public String reporterPhone;

    @Column(nullable = false)
    public boolean anonymous;

    @Column(name = "email_receipt", nullable = false)
    public boolean emailReceipt;

    @Column(name = "subject_name")
    public String subjectName;

    @Column(name = "subject_email")
    public String subjectEmail;

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
     * The reports {@code email} filed (when not anonymous) or is the subject of, oldest first, for a person's
     * request for their data. The one place that looks reports up by address: its body follows however the
     * addresses are stored.
     */
    public static List<Report> findInvolving(String email) {
        String address = email.trim().toLowerCase(Locale.ROOT);
        return list("lower(reporterEmail) = ?1 or lower(subjectEmail) = ?1 order by submittedAt, reference", address);
    }

    /** The reference alone, without loading the report. */
    public static Optional<String> referenceOf(UUID id) {
        return getEntityManager().createQuery("select reference from Report where id = ?1", String.class)
                .setParameter(1, id).getResultStream().findFirst();
    }
}
