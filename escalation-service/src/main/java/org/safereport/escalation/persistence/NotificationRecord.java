package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A notification requested for a case: which step and person it was for, to act on its delivery outcome. */
@Entity
@Table(name = "notification_request")
public class NotificationRecord extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(nullable = false)
    public String track;

    @Column(name = "step_index", nullable = false)
    public int stepIndex;

    @Column(name = "person_id", nullable = false)
    public String personId;

    @Column(nullable = false)
    public String template;

    /** Comma-separated, e.g. {@code EMAIL,SMS}. */
    @Column(nullable = false)
    public String channels;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    public List<String> channelList() {
        return List.of(channels.split(","));
    }

    public static List<NotificationRecord> forStep(UUID caseId, String track, int stepIndex) {
        return list("caseId = ?1 and track = ?2 and stepIndex = ?3", caseId, track, stepIndex);
    }
}
