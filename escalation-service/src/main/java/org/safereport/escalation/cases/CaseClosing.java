package org.safereport.escalation.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Closes a case: every chain stops, and the reporter's status page shows the outcome. */
@ApplicationScoped
public class CaseClosing {

    private static final Logger LOG = Logger.getLogger(CaseClosing.class);

    private final CaseProgress progress;
    private final Clock clock;

    CaseClosing(CaseProgress progress, Clock clock) {
        this.progress = progress;
        this.clock = clock;
    }

    /** What {@link #close} found. */
    public enum Closing { CLOSED, ALREADY_CLOSED, NOT_FOUND }

    /**
     * @param outcome the outcome summary for the reporter
     * @param internalNote for staff only; may be {@code null}
     */
    @Transactional
    public Closing close(UUID caseId, String closedBy, String outcome, String internalNote) {
        // The tracks before the case, as the deadline engine and an acknowledgement take them (a track, then
        // its case): a close at the same moment as either waits for it rather than deadlocking with it.
        List<CaseTrack> tracks = CaseTrack.<CaseTrack>find("caseId = ?1 order by id", caseId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
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
        escalationCase.closedBy = closedBy;
        escalationCase.outcome = outcome;
        escalationCase.internalNote = internalNote;
        TimelineEntry.record(caseId, now, "CLOSED", "closed by " + closedBy + ": " + outcome);
        progress.publish(escalationCase, now);
        LOG.infof("Case %s closed", escalationCase.reference);
        return Closing.CLOSED;
    }
}
