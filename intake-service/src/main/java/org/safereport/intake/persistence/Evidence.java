package org.safereport.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An evidence file of a report, stored as PostgreSQL bytea, encrypted with the report's data key ({@link EvidenceContents} reads it). */
@Entity
@Table(name = "evidence")
public class Evidence extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "report_id", nullable = false)
    public UUID reportId;

    @Column(nullable = false)
    public int position;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    /** The size of the file as uploaded; {@link #content} is the ciphertext. */
    @Column(name = "size_bytes", nullable = false)
    public int sizeBytes;

    @Column(nullable = false)
    public byte[] content;

    public static List<Evidence> ofReport(UUID reportId) {
        return list("reportId = ?1 order by position", reportId);
    }

    /** A report's files in order, without their bytes: the entity would load every file whole. */
    public static List<EvidenceSummary> summariesOf(UUID reportId) {
        return find("reportId = ?1 order by position", reportId).project(EvidenceSummary.class).list();
    }

    /** The file {@code evidenceId}, without its bytes, if it belongs to report {@code reportId}. */
    public static Optional<EvidenceSummary> summaryOf(UUID reportId, UUID evidenceId) {
        return find("id = ?1 and reportId = ?2", evidenceId, reportId).project(EvidenceSummary.class).firstResultOptional();
    }
}
