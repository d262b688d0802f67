package org.safereport.escalation.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseSealing;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Legal holds: the Chief Executive keeps a case from being purged (a claim, an inquiry, the police), with
 * the reason, and lifts the hold when it is no longer needed; the purge then takes the case at its next run
 * if its retention period has passed. Who may do this is the page's check ({@code CaseAccess.placesLegalHolds}).
 */
@ApplicationScoped
public class LegalHolds {

    private static final Logger LOG = Logger.getLogger(LegalHolds.class);

    private final CaseSealing sealing;
    private final AuditTrail audit;
    private final Clock clock;

    LegalHolds(CaseSealing sealing, AuditTrail audit, Clock clock) {
        this.sealing = sealing;
        this.audit = audit;
        this.clock = clock;
    }

    /** What {@link #place} and {@link #lift} found. */
    public enum Outcome { DONE, NOTHING_TO_DO, ALREADY_PURGED, NOT_FOUND }

    /** @param reason why the case must be kept, as the Chief Executive wrote it; purged with the case's content */
    @Transactional
    public Outcome place(UUID caseId, AuditTrail.Actor actor, String reason) {
        EscalationCase escalationCase = EscalationCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (escalationCase == null) {
            return Outcome.NOT_FOUND;
        }
        if (escalationCase.purgedAt != null) {
            return Outcome.ALREADY_PURGED;
        }
        if (escalationCase.legalHoldSince != null) {
            return Outcome.NOTHING_TO_DO;
        }
        Instant now = clock.instant();
        escalationCase.legalHoldSince = now;
        escalationCase.legalHoldBy = actor.personId();
        escalationCase.sealedLegalHoldReason = sealing.seal(escalationCase, CaseSealing.Text.LEGAL_HOLD_REASON, reason);
        TimelineEntry.record(caseId, now, "LEGAL_HOLD", "placed by " + actor.personId());
        audit.record(actor, AuditEntry.Action.SET_LEGAL_HOLD, caseId, null);
        LOG.infof("Case %s placed under legal hold", escalationCase.reference);
        return Outcome.DONE;
    }

    @Transactional
    public Outcome lift(UUID caseId, AuditTrail.Actor actor) {
        EscalationCase escalationCase = EscalationCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (escalationCase == null) {
            return Outcome.NOT_FOUND;
        }
        if (escalationCase.legalHoldSince == null) {
            return Outcome.NOTHING_TO_DO;
        }
        Instant now = clock.instant();
        escalationCase.legalHoldSince = null;
        escalationCase.legalHoldBy = null;
        // The reason goes with the hold: the timeline and the audit trail keep who placed and lifted it, and when.
        escalationCase.sealedLegalHoldReason = null;
        TimelineEntry.record(caseId, now, "LEGAL_HOLD_LIFTED", "lifted by " + actor.personId());
        audit.record(actor, AuditEntry.Action.LIFTED_LEGAL_HOLD, caseId, null);
        LOG.infof("Case %s no longer under legal hold", escalationCase.reference);
        return Outcome.DONE;
    }
}
