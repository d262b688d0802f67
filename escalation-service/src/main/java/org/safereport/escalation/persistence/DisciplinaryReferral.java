package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A disciplinary referral opened on a case because a post was not removed when asked. */
@Entity
@Table(name = "disciplinary_referral")
public class DisciplinaryReferral extends PanacheEntityBase {

    /** Why it was opened. The names are stored: never rename one. */
    public enum Reason { REFUSED, NOT_REMOVED }

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(name = "removal_request_id", nullable = false)
    public UUID removalRequestId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Reason reason;

    /** The directory id of the person it went to. */
    @Column(name = "referred_to", nullable = false)
    public String referredTo;

    /** The role they were given it in: CHIEF_EXECUTIVE, or CHAIR_OF_TRUSTEES when it is about the Chief Executive. */
    @Column(name = "referred_to_role", nullable = false)
    public String referredToRole;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    public static List<DisciplinaryReferral> forCase(UUID caseId) {
        return list("caseId = ?1 order by openedAt, id", caseId);
    }
}
