package org.safereport.escalation.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.routing.RoutingPlan;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.events.CaseStatusV1;
import org.safereport.messaging.outbox.Outbox;

import java.time.Instant;
import java.util.List;

/**
 * A case's state follows its chains (tracks): after any change to them, in the same transaction, the case's
 * state is worked out again, a change goes on its timeline, and the reporter's status page is told.
 */
@ApplicationScoped
public class CaseProgress {

    private final Outbox outbox;

    CaseProgress(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Recomputes the case's state from its tracks, records it if it changed, and tells the intake service. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void update(EscalationCase escalationCase, Instant now) {
        if (escalationCase.state == CaseState.CLOSED) {
            return;  // a late acknowledgement or delivery report does not reopen a closed case
        }
        List<CaseTrack> tracks = CaseTrack.forCase(escalationCase.id);
        CaseState state = CaseState.of(tracks.stream().map(track -> track.state).toList(),
                tracks.stream().anyMatch(track -> track.currentStep > 0));
        if (state != escalationCase.state) {
            TimelineEntry.record(escalationCase.id, now, "STATE", escalationCase.state + " -> " + state);
            escalationCase.state = state;
        }
        publish(escalationCase, now);
    }

    /** Tells the intake service where the case stands now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(EscalationCase escalationCase, Instant now) {
        CaseTrack track = CaseTrack.find("caseId = ?1 and name = ?2", escalationCase.id, RoutingPlan.CATEGORY_TRACK).firstResult();
        publish(escalationCase, track, CaseStep.atStep(escalationCase.id, track.name, track.currentStep).get(0).role, now);
    }

    /** @param stepRole the role at the category track's current step, whom the reporter's status page names */
    void publish(EscalationCase escalationCase, CaseTrack track, String stepRole, Instant now) {
        Role role = Role.valueOf(stepRole);
        boolean waiting = track.state != TrackState.ACKNOWLEDGED && escalationCase.state != CaseState.CLOSED;
        outbox.add(escalationCase.reportId.toString(), CaseStatusV1.of(now, escalationCase.reportId, escalationCase.reference,
                escalationCase.state.name(), role.name(), role.title(), waiting ? track.nextDueAt : null, escalationCase.outcome));
    }
}
