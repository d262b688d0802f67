package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One person to notify at one step of a case's plan. */
@Entity
@Table(name = "case_step")
public class CaseStep extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    /** The chain this step belongs to: {@code category} or {@code safeguarding}. */
    @Column(nullable = false)
    public String track;

    @Column(name = "step_index", nullable = false)
    public int stepIndex;

    @Column(nullable = false)
    public String role;

    @Column(name = "person_id", nullable = false)
    public String personId;

    /** Comma-separated, e.g. {@code EMAIL,SMS}. */
    @Column(nullable = false)
    public String channels;

    /** As the policy states it, e.g. {@code 8 working hours}. */
    @Column(nullable = false)
    public String deadline;

    /** The same deadline as data, e.g. {@code PT8H WORKING}: to compute its instant when the step starts. */
    @Column(name = "deadline_spec", nullable = false)
    public String deadlineSpec;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "notified_at")
    public Instant notifiedAt;

    public static java.util.List<CaseStep> atStep(java.util.UUID caseId, String track, int stepIndex) {
        return list("caseId = ?1 and track = ?2 and stepIndex = ?3 order by personId", caseId, track, stepIndex);
    }

    /** Everyone told so far on a track, in the order they were told. */
    public static java.util.List<CaseStep> notifiedOn(java.util.UUID caseId, String track) {
        return list("caseId = ?1 and track = ?2 and notifiedAt is not null order by stepIndex, personId", caseId, track);
    }
}
