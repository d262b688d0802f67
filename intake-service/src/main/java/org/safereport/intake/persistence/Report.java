package org.safereport.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.safereport.intake.domain.ReportStatus;

import java.time.Instant;
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

    @Column(name = "reporter_name")
    public String reporterName;

    @Column(name = "reporter_email")
    public String reporterEmail;

    @Column(name = "reporter_phone")
    public String reporterPhone;

    @Column(name = "subject_name")
    public String subjectName;

    @Column(name = "subject_email")
    public String subjectEmail;

    @Column(name = "young_person_at_risk", nullable = false)
    public boolean youngPersonAtRisk;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportStatus status;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    public static Optional<Report> findByReference(String reference) {
        return find("reference", reference).firstResultOptional();
    }
}
