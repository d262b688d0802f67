package org.safereport.escalation.deadlines;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.safereport.escalation.cases.CaseNotifications;
import org.safereport.escalation.cases.CaseProgress;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.domain.routing.Router;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.events.notification.Template;
import org.safereport.messaging.DrainLoop;
import org.safereport.time.Deadline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fires passed deadlines. Deadlines live only in PostgreSQL ({@code case_track.next_due_at}), so after a
 * restart or an outage every passed one fires, once: due tracks are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas never fire the same one, and each firing moves the
 * deadline on in the same transaction as its notification requests and timeline entry.
 * <ul>
 *   <li>a step's deadline passed and the chain has a next step: the next step's people are notified;</li>
 *   <li>the last step's deadline passed: its people are reminded at the track's interval and the case
 *       is overdue (rule 5).</li>
 * </ul>
 */
@ApplicationScoped
public class DeadlineEngine {

    private static final Logger LOG = Logger.getLogger(DeadlineEngine.class);
    private static final int BATCH_SIZE = 50;

    private final EntityManager entityManager;
    private final ActivePolicy activePolicy;
    private final CaseNotifications notifications;
    private final CaseProgress progress;
    private final Clock clock;
    private final DrainLoop loop = new DrainLoop("deadline-engine", BATCH_SIZE, this::fireDueBatch);

    DeadlineEngine(EntityManager entityManager, ActivePolicy activePolicy, CaseNotifications notifications,
                   CaseProgress progress, Clock clock) {
        this.entityManager = entityManager;
        this.activePolicy = activePolicy;
        this.notifications = notifications;
        this.progress = progress;
        this.clock = clock;
    }

    @Scheduled(every = "${escalation.deadline-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        loop.request();
    }

    /** Looks for due deadlines now rather than at the next check, e.g. after one was brought forward. */
    public void wake() {
        loop.request();
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        loop.stop(30);
    }

    /** Fires every deadline that has passed by now; returns how many fired. */
    public int fireDue() {
        int fired = 0;
        int batch;
        do {
            batch = fireDueBatch();
            fired += batch;
        } while (batch == BATCH_SIZE);
        return fired;
    }

    private int fireDueBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<CaseTrack> due = entityManager.createNativeQuery("""
                            SELECT * FROM case_track
                            WHERE state IN ('NOTIFIED', 'OVERDUE') AND next_due_at <= :now
                            ORDER BY next_due_at LIMIT :limit FOR UPDATE SKIP LOCKED""", CaseTrack.class)
                    .setParameter("now", now)
                    .setParameter("limit", BATCH_SIZE)
                    .getResultList();
            for (CaseTrack track : due) {
                fire(track, now);
            }
            return due.size();
        });
    }

    private void fire(CaseTrack track, Instant now) {
        EscalationCase escalationCase = EscalationCase.findById(track.caseId);
        RoutingPolicy policy = activePolicy.policy();
        if (track.currentStep < track.lastStep) {
            int from = track.currentStep;
            track.currentStep = from + 1;
            List<CaseStep> next = CaseStep.atStep(escalationCase.id, track.name, track.currentStep);
            Instant dueAt = policy.calendar().due(now, Deadline.parse(next.get(0).deadlineSpec));
            track.nextDueAt = dueAt;
            TimelineEntry.record(escalationCase.id, now, "ESCALATED", track.name + " step " + from + " -> "
                    + track.currentStep + " (" + next.get(0).role + "): not acknowledged by the deadline, or nobody could be reached");
            List<CaseStep> available = availableNow(escalationCase, track, next, now);
            if (available.isEmpty() && track.currentStep < track.lastStep) {
                // Everyone at this step is away with no cover: on to the next step at once.
                track.nextDueAt = now;
                loop.request();
            } else {
                // At the end of the chain someone must have it, even if they are away.
                for (CaseStep step : available.isEmpty() ? next : available) {
                    step.notifiedAt = now;
                    step.dueAt = dueAt;
                    notify(Template.ESCALATION, escalationCase, track, step, dueAt);
                }
            }
            LOG.infof("Case %s escalated to %s (%s chain), acknowledgement due %s", escalationCase.reference,
                    next.get(0).role, track.name, dueAt);
        } else {
            Instant nextReminder = policy.calendar().due(now, Deadline.parse(track.reminderInterval));
            track.state = TrackState.OVERDUE;
            track.nextDueAt = nextReminder;
            TimelineEntry.record(escalationCase.id, now, "REMINDED", track.name + " step " + track.currentStep
                    + ": the chain has run out; reminded until someone acknowledges");
            for (CaseStep step : CaseStep.atStep(escalationCase.id, track.name, track.currentStep)) {
                notify(Template.REMINDER, escalationCase, track, step, nextReminder);
            }
            LOG.infof("Case %s is overdue (%s chain): last recipients reminded", escalationCase.reference, track.name);
        }
        progress.update(escalationCase, now);
    }

    /**
     * Rule 4 again when a step's turn comes: the directory may have changed since the case was planned.
     * Each planned person absent now is replaced by their cover (the step's row then names the cover), or
     * left out when there is none.
     *
     * @return the step's rows to notify; empty when nobody at the step is there
     */
    private List<CaseStep> availableNow(EscalationCase escalationCase, CaseTrack track, List<CaseStep> planned, Instant now) {
        Directory directory = activePolicy.directory();
        Map<String, String> excluded = new HashMap<>();
        CaseStep.notifiedOn(escalationCase.id, track.name).forEach(step -> excluded.put(step.personId, "already notified on this case"));
        planned.forEach(step -> excluded.put(step.personId, "already at this step"));
        Optional.ofNullable(escalationCase.reporterPersonId).ifPresent(id -> excluded.put(id, "they made the report"));
        Optional.ofNullable(escalationCase.subjectPersonId).ifPresent(id -> excluded.put(id, "the report is about them"));
        List<CaseStep> available = new ArrayList<>();
        for (CaseStep step : planned) {
            Optional<Person> person = directory.byId(step.personId);
            if (person.isEmpty()) {
                continue;  // notify() records that they left the directory
            }
            List<String> reasons = new ArrayList<>();
            Optional<Person> sendTo = Router.availableAt(person.get(), directory, now, excluded, reasons);
            reasons.forEach(reason -> TimelineEntry.record(escalationCase.id, now, "REROUTED",
                    track.name + " step " + step.stepIndex + ", at send time: " + reason));
            sendTo.ifPresent(chosen -> {
                excluded.put(chosen.id(), "already at this step");
                step.personId = chosen.id();
                available.add(step);
            });
        }
        return available;
    }

    private void notify(Template template, EscalationCase escalationCase, CaseTrack track, CaseStep step, Instant dueAt) {
        Optional<Person> person = activePolicy.directory().byId(step.personId);
        if (person.isEmpty()) {
            TimelineEntry.record(escalationCase.id, clock.instant(), "NOT_NOTIFIED",
                    step.personId + " is no longer in the directory");
            return;
        }
        notifications.askForResponse(template, new CaseNotifications.Addressee(escalationCase, track, step, person.get()), dueAt);
        TimelineEntry.record(escalationCase.id, clock.instant(), "NOTIFIED",
                track.name + " step " + step.stepIndex + ": " + step.role + " " + step.personId + " by " + step.channels
                        + " (" + template.wireName() + ")");
    }
}
