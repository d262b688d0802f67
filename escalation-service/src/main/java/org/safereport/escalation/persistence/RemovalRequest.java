package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.safereport.escalation.domain.RemovalState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request to someone to remove a post, on a case. The texts staff typed are sealed under the case's data key
 * ({@link CaseSealing}).
 */
@Entity
@Table(name = "removal_request")
public class RemovalRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    /** 1, 2, ... on its case. */
    @Column(nullable = false)
    public int number;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "sealed_platform", nullable = false)
    public byte[] sealedPlatform;

    @Column(name = "sealed_location", nullable = false)
    public byte[] sealedLocation;

    @Column(name = "owner_person_id")
    public String ownerPersonId;

    @Column(name = "sealed_owner_name")
    public byte[] sealedOwnerName;

    @Column(name = "asked_person_id")
    public String askedPersonId;

    @Column(name = "sealed_asked_email")
    public byte[] sealedAskedEmail;

    /** A keyed hash of the asked person's address, so that their data export finds the request (V21). */
    @Column(name = "asked_email_digest")
    public byte[] askedEmailDigest;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "remind_at", nullable = false)
    public Instant remindAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RemovalState state;

    @Column(name = "next_due_at")
    public Instant nextDueAt;

    @Column(name = "reminded_at")
    public Instant remindedAt;

    @Column(name = "fire_failed_at")
    public Instant fireFailedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "sealed_refusal_reason")
    public byte[] sealedRefusalReason;

    @Column(name = "confirmed_by")
    public String confirmedBy;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    public static List<RemovalRequest> forCase(UUID caseId) {
        return list("caseId = ?1 order by number", caseId);
    }

    /**
     * The requests that asked one person: a directory member by their id, or anyone by the digest of their address
     * (someone outside, or a member whose address staff typed).
     */
    public static List<RemovalRequest> asking(String personId, byte[] emailDigest) {
        return list("askedPersonId = ?1 or askedEmailDigest = ?2 order by requestedAt, number", personId, emailDigest);
    }
}
