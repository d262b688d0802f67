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

/** An entry on a case's timeline: what happened, when, and why. */
@Entity
@Table(name = "case_timeline")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String detail;

    public static TimelineEntry record(UUID caseId, Instant at, String kind, String detail) {
        TimelineEntry entry = new TimelineEntry();
        entry.caseId = caseId;
        entry.at = at;
        entry.kind = kind;
        entry.detail = detail;
        entry.persist();
        return entry;
    }

    public static List<TimelineEntry> forCase(UUID caseId) {
        return list("caseId = ?1 order by id", caseId);
    }
}
