package org.safereport.escalation.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseNote;
import org.safereport.escalation.persistence.RemovalEvidence;
import org.safereport.escalation.persistence.RemovalRequest;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.events.CasePurgedV1;
import org.safereport.messaging.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The scheduled purge (issue 15): a closed case whose category's retention period has passed since its
 * closing, and that is under no legal hold, loses everything people wrote about it (the internal notes,
 * the internal note on closing, its removal requests and their screenshots, free text on its timeline, who it was about and who reported it, and the
 * data key its texts were sealed under), and
 * intake is told, through the outbox in the same transaction, to remove the report and its evidence. The
 * case's row stays as its tombstone: reference, category, dates and outcome, for the trustees' figures.
 * Each purge is on the case's audit trail (what, when, under which rule), never what was purged.
 */
@ApplicationScoped
public class CasePurge {

    private static final Logger LOG = Logger.getLogger(CasePurge.class);
    /** Who the audit trail names for a purge: the schedule, not a person. */
    static final String ACTOR = "retention-schedule";
    /** The timeline entries whose detail quotes what a person wrote ("closed by dsl: <the outcome>"). */
    private static final List<String> KINDS_WITH_FREE_TEXT = List.of("CLOSED");

    private record Candidate(UUID caseId, String routedCategory, Instant closedAt) {
    }

    private final ActivePolicy activePolicy;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final EntityManager entityManager;
    private final Clock clock;

    CasePurge(ActivePolicy activePolicy, Outbox outbox, AuditTrail audit, EntityManager entityManager, Clock clock) {
        this.activePolicy = activePolicy;
        this.outbox = outbox;
        this.audit = audit;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Scheduled(every = "${escalation.retention.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        purgeDue();
    }

    /**
     * Purges every case whose retention period has passed, each in its own transaction, so that one that
     * fails leaves the others purged and is tried again at the next run.
     *
     * @return how many were purged
     */
    public int purgeDue() {
        Instant now = clock.instant();
        int purged = 0;
        for (Candidate candidate : candidates()) {
            CategoryRule rule = activePolicy.policy().ruleFor(candidate.routedCategory());
            if (!rule.retainedUntil(candidate.closedAt()).isAfter(now)
                    && QuarkusTransaction.requiringNew().call(() -> purge(candidate.caseId(), rule, now))) {
                purged++;
            }
        }
        if (purged > 0) {
            LOG.infof("Retention: purged %d closed case(s) past their retention period", purged);
        }
        return purged;
    }

    private List<Candidate> candidates() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                        "select c.id, c.routedCategory, c.closedAt from EscalationCase c"
                                + " where c.state = :closed and c.purgedAt is null and c.legalHoldSince is null", Object[].class)
                .setParameter("closed", CaseState.CLOSED)
                .getResultStream()
                .map(row -> new Candidate((UUID) row[0], (String) row[1], (Instant) row[2]))
                .toList());
    }

    /** Purges the case if it is still closed, unpurged and under no hold once locked (a reopen or a hold may have come first). */
    private boolean purge(UUID caseId, CategoryRule rule, Instant now) {
        EscalationCase escalationCase = EscalationCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (escalationCase.state != CaseState.CLOSED || escalationCase.purgedAt != null || escalationCase.legalHoldSince != null) {
            return false;
        }
        String ruleApplied = rule.code() + " " + rule.retention();
        CaseNote.delete("caseId", caseId);
        RemovalEvidence.delete("caseId", caseId);
        RemovalRequest.delete("caseId", caseId);
        entityManager.createNativeQuery("UPDATE case_timeline SET detail = split_part(detail, ': ', 1)"
                        + " WHERE case_id = :caseId AND kind IN (:kinds)")
                .setParameter("caseId", caseId)
                .setParameter("kinds", KINDS_WITH_FREE_TEXT)
                .executeUpdate();
        escalationCase.sealedInternalNote = null;
        // Without its data key, no copy of what the case held (a backup, a dead tuple) can be read again.
        escalationCase.dataKey = null;
        escalationCase.keyId = null;
        escalationCase.subjectPersonId = null;
        escalationCase.reporterPersonId = null;
        escalationCase.purgedAt = now;
        TimelineEntry.record(caseId, now, "PURGED", "content purged: retention " + ruleApplied + " from closing");
        audit.record(new AuditTrail.Actor(ACTOR, null), AuditEntry.Action.PURGED, caseId, "retention " + ruleApplied);
        outbox.add(escalationCase.reportId.toString(), CasePurgedV1.of(now, escalationCase.reportId, escalationCase.reference, ruleApplied));
        LOG.infof("Case %s purged: retention %s from its closing", escalationCase.reference, ruleApplied);
        return true;
    }
}
