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

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "notified_at")
    public Instant notifiedAt;
}
