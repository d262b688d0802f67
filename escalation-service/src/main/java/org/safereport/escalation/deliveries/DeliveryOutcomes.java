package org.safereport.escalation.deliveries;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.cases.CaseNotifications;
import org.safereport.escalation.deadlines.DeadlineEngine;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.NotificationOutcome;
import org.safereport.escalation.persistence.NotificationRecord;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.events.notification.NotificationStatusV1;
import org.safereport.events.notification.Template;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Keeps what the notification service reports about each delivery. A final outcome (sent, or failed for
 * good) goes on the case's timeline. When every channel to every person of a track's current step has
 * failed for good, nobody at that step can act, so waiting for the deadline would only lose time: the
 * step's deadline is brought forward to now and the deadline engine, woken once that is committed,
 * escalates to the next person; the policy's last-resort person is told why, at the end of the chain too.
 */
@ApplicationScoped
public class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);

    private final CaseNotifications notifications;
    private final Event<DeadlineEngine.DeadlineBroughtForward> broughtForward;
    private final Clock clock;

    DeliveryOutcomes(CaseNotifications notifications, Event<DeadlineEngine.DeadlineBroughtForward> broughtForward, Clock clock) {
        this.notifications = notifications;
        this.broughtForward = broughtForward;
        this.clock = clock;
    }

    @Transactional
    public void record(NotificationStatusV1 status) {
        NotificationRecord request = NotificationRecord.findById(status.requestId());
        if (request == null) {
            // Not one of ours (e.g. a reporter's receipt, requested by the intake service).
            return;
        }
        NotificationOutcome.Key key = new NotificationOutcome.Key(status.requestId(), status.channel().name());
        // PostgreSQL keeps microseconds (rounding): compare and store at that precision, or a report from the same
        // microsecond could look older than the one stored.
        Instant reportedAt = status.occurredAt().truncatedTo(ChronoUnit.MICROS);
        NotificationOutcome outcome = NotificationOutcome.findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (outcome != null && (outcome.isFinal() || outcome.reportedAt.isAfter(reportedAt))) {
            return;  // a redelivery, or an older attempt's report arriving late
        }
        if (outcome == null) {
            outcome = new NotificationOutcome();
            outcome.key = key;
        }
        outcome.outcome = status.outcome().name();
        outcome.permanent = status.permanent();
        outcome.reason = status.reason();
        outcome.attempts = status.attempts();
        outcome.reportedAt = reportedAt;
        outcome.persist();
        if (!outcome.isFinal()) {
            return;
        }
        Instant now = clock.instant();
        TimelineEntry.record(request.caseId, now, "DELIVERY", request.track + " step " + request.stepIndex + ": "
                + request.template + " to " + request.personId + " by " + status.channel() + " "
                + (outcome.failedForGood() ? "failed for good after " + status.attempts() + " attempt(s): " + status.reason()
                : "sent"));
        if (outcome.failedForGood() && bringForwardIfUnreachable(request, status.reason(), now)) {
            broughtForward.fire(new DeadlineEngine.DeadlineBroughtForward());
        }
    }

    private boolean bringForwardIfUnreachable(NotificationRecord failed, String reason, Instant now) {
        CaseTrack track = CaseTrack.find("caseId = ?1 and name = ?2", failed.caseId, failed.track)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (track == null || (track.state != TrackState.NOTIFIED && track.state != TrackState.OVERDUE)
                || track.currentStep != failed.stepIndex) {
            return false;
        }
        // Only the messages that asked the step's people to respond: "someone has it" or a last-resort notice is not one.
        List<NotificationRecord> stepRequests = NotificationRecord.forStep(failed.caseId, failed.track, failed.stepIndex)
                .stream().filter(request -> Template.named(request.template).asksForResponse()).toList();
        boolean everyChannelFailed = !stepRequests.isEmpty() && stepRequests.stream().allMatch(request -> request.channelList().stream()
                .allMatch(channel -> {
                    NotificationOutcome outcome = NotificationOutcome.findById(new NotificationOutcome.Key(request.requestId, channel));
                    return outcome != null && outcome.failedForGood();
                }));
        if (!everyChannelFailed || !stepRequests.stream().anyMatch(request -> request.requestId.equals(failed.requestId))) {
            return false;
        }
        EscalationCase escalationCase = EscalationCase.findById(failed.caseId);
        boolean movesOn = track.currentStep < track.lastStep && track.nextDueAt != null && track.nextDueAt.isAfter(now);
        String nowWithRole = null;
        if (movesOn) {
            track.nextDueAt = now;
            TimelineEntry.record(failed.caseId, now, "UNREACHABLE", failed.track + " step " + failed.stepIndex
                    + ": every channel to every recipient failed for good; escalating now instead of at the deadline");
            nowWithRole = CaseStep.atStep(failed.caseId, failed.track, failed.stepIndex + 1).get(0).role;
        }
        List<CaseStep> step = CaseStep.atStep(failed.caseId, failed.track, failed.stepIndex);
        notifications.tellLastResort(escalationCase, track, step.get(0), step.stream().map(row -> row.personId).toList(),
                "every message to everyone at this step failed for good (last: " + reason + ")", nowWithRole);
        LOG.warnf("Case %s: nobody at step %d of the %s chain could be reached%s", escalationCase.reference,
                failed.stepIndex, failed.track, movesOn ? "; escalating now" : "");
        return movesOn;
    }
}
