package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.safereport.escalation.domain.TrackState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One escalation chain of a case: where it has got to and when its current deadline passes. */
@Entity
@Table(name = "case_track")
public class CaseTrack extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(nullable = false)
    public String name;

    /** The category whose chain this is. */
    @Column(nullable = false)
    public String category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TrackState state;

    @Column(name = "current_step", nullable = false)
    public int currentStep;

    @Column(name = "last_step", nullable = false)
    public int lastStep;

    /** When the current deadline (or, once overdue, the next reminder) is due; null once acknowledged. */
    @Column(name = "next_due_at")
    public Instant nextDueAt;

    /** As {@link CaseStep#deadlineSpec}: how often the last recipient is reminded. */
    @Column(name = "reminder_interval", nullable = false)
    public String reminderInterval;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    /** How many times in a row firing the current deadline failed; back to 0 when it fires. */
    @Column(name = "fire_failures", nullable = false)
    public int fireFailures;

    @Column(name = "fire_failed_at")
    public Instant fireFailedAt;

    /** When the deadline engine gave up on this track, having failed to fire it too often; it no longer claims it. */
    @Column(name = "set_aside_at")
    public Instant setAsideAt;

    /** The last failure's reason, without personal data. */
    @Column(name = "set_aside_because")
    public String setAsideBecause;

    public static List<CaseTrack> forCase(UUID caseId) {
        return list("caseId = ?1 order by name", caseId);
    }

    /** The tracks set aside that still wait for someone (not acknowledged, the case not closed). */
    public static long setAsideAndWaiting() {
        return count("setAsideAt is not null and state in ?1", List.of(TrackState.NOTIFIED, TrackState.OVERDUE));
    }
}
