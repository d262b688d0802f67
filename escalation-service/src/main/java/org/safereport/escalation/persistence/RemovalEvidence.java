package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The screenshot a member of staff attached when they confirmed that a post is removed, sealed under the case's
 * data key ({@link CaseSealing}).
 */
@Entity
@Table(name = "removal_evidence")
public class RemovalEvidence extends PanacheEntityBase {

    @Id
    @Column(name = "removal_request_id")
    public UUID removalRequestId;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(name = "size_bytes", nullable = false)
    public int sizeBytes;

    @Column(name = "sealed_content", nullable = false)
    public byte[] sealedContent;

    @Column(name = "attached_by", nullable = false)
    public String attachedBy;

    @Column(name = "attached_at", nullable = false)
    public Instant attachedAt;

    /** What a screenshot is, without its content. */
    public record Attached(String mediaType, int sizeBytes) {
    }

    /** The screenshots on a case's removal requests, by request, without loading any of them. */
    public static Map<UUID, Attached> attachedOnCase(UUID caseId) {
        return getEntityManager().createQuery("select e.removalRequestId, e.mediaType, e.sizeBytes from RemovalEvidence e"
                        + " where e.caseId = :caseId", Object[].class)
                .setParameter("caseId", caseId).getResultStream()
                .collect(Collectors.toMap(row -> (UUID) row[0], row -> new Attached((String) row[1], (Integer) row[2])));
    }
}
