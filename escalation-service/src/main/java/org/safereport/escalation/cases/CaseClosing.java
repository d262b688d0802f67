package org.safereport.escalation.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseSealing;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Closes a case (every chain stops, and the reporter's status page shows the outcome) and reopens one that
 * needs more work (it is with whoever reopened it; no chain starts again).
 */
@ApplicationScoped
public class CaseClosing {

    private static final Logger LOG = Logger.getLogger(CaseClosing.class);

    private final CaseProgress progress;
    private final CaseSealing sealing;
    private final AuditTrail audit;
    private final Clock clock;

    CaseClosing(CaseProgress progress, CaseSealing sealing, AuditTrail audit, Clock clock) {
        this.progress = progress;
        this.sealing = sealing;
        this.audit = audit;
        this.clock = clock;
    }

    /** What {@link #close} found. */
    public enum Closing { CLOSED, ALREADY_CLOSED, NOT_FOUND }

    /** What {@link #reopen} found. */
    public enum Reopening { REOPENED, NOT_CLOSED, PURGED, NOT_FOUND }

    /**
     * @param outcome the outcome summary for the reporter
     * @param internalNote for staff only; may be {@code null}
     */
    @Transactional
    public Closing close(UUID caseId, AuditTrail.Actor closedBy, String outcome, String internalNote) {
        List<CaseTrack> tracks = lockedTracks(caseId);
        EscalationCase escalationCase = EscalationCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (escalationCase == null) {
            return Closing.NOT_FOUND;
        }
        if (escalationCase.state == CaseState.CLOSED) {
            return Closing.ALREADY_CLOSED;
        }
        Instant now = clock.instant();
        for (CaseTrack track : tracks) {
            track.state = TrackState.CLOSED;
            track.nextDueAt = null;
        }
        escalationCase.state = CaseState.CLOSED;
        escalationCase.closedAt = now;
        escalationCase.closedBy = closedBy.personId();
        escalationCase.outcome = outcome;
        escalationCase.sealedInternalNote = sealing.seal(escalationCase, CaseSealing.Text.INTERNAL_NOTE, internalNote);
        TimelineEntry.record(caseId, now, "CLOSED", "closed by " + closedBy.personId() + ": " + outcome);
        audit.record(closedBy, AuditEntry.Action.CLOSED, caseId, null);
        progress.publish(escalationCase, now);
        LOG.infof("Case %s closed", escalationCase.reference);
        return Closing.CLOSED;
    }

    /**
     * Reopens a closed case: its chains count as acknowledged by whoever had them (or by the person reopening),
     * so that nobody is chased again, and the reporter's status page no longer shows the outcome.
     */
    @Transactional
    public Reopening reopen(UUID caseId, AuditTrail.Actor reopenedBy) {
        List<CaseTrack> tracks = lockedTracks(caseId);
        EscalationCase escalationCase = EscalationCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (escalationCase == null) {
            return Reopening.NOT_FOUND;
        }
        if (escalationCase.state != CaseState.CLOSED) {
            return Reopening.NOT_CLOSED;
        }
        if (escalationCase.purgedAt != null) {
            return Reopening.PURGED;  // nothing is left to work on, and a reopened case would never be purged again
        }
        Instant now = clock.instant();
        for (CaseTrack track : tracks) {
            track.state = TrackState.ACKNOWLEDGED;
            if (track.acknowledgedBy == null) {
                track.acknowledgedBy = reopenedBy.personId();
                track.acknowledgedAt = now;
            }
        }
        escalationCase.state = CaseState.ACKNOWLEDGED;
        escalationCase.closedAt = null;
        escalationCase.closedBy = null;
        escalationCase.outcome = null;
        escalationCase.reopenedAt = now;
        escalationCase.reopenedBy = reopenedBy.personId();
        TimelineEntry.record(caseId, now, "REOPENED", "reopened by " + reopenedBy.personId());
        audit.record(reopenedBy, AuditEntry.Action.REOPENED, caseId, null);
        progress.publish(escalationCase, now);
        LOG.infof("Case %s reopened", escalationCase.reference);
        return Reopening.REOPENED;
    }

    /**
     * The tracks before the case, as the deadline engine and an acknowledgement take them (a track, then its
     * case): a close or reopen at the same moment as either waits for it rather than deadlocking with it.
     */
    private static List<CaseTrack> lockedTracks(UUID caseId) {
        return CaseTrack.<CaseTrack>find("caseId = ?1 order by id", caseId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
