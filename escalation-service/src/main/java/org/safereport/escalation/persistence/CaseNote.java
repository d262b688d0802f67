package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An internal note on a case, for staff only. */
@Entity
@Table(name = "case_note")
public class CaseNote extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(name = "written_at", nullable = false)
    public Instant writtenAt;

    /** What the note says, sealed under the case's data key ({@link CaseSealing}). */
    @Column(name = "sealed_text", nullable = false)
    public byte[] sealedText;

    public static List<CaseNote> forCase(UUID caseId) {
        return list("caseId = ?1 order by id", caseId);
    }
}
