package org.safereport.escalation.deadlines;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.safereport.escalation.cases.CaseNotifications;
import org.safereport.escalation.cases.CaseProgress;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.EscalationConfig;
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
import org.safereport.messaging.consumer.PersonalData;
import org.safereport.time.Deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fires passed deadlines. Deadlines live only in PostgreSQL ({@code case_track.next_due_at}), so after a
 * restart or an outage every passed one fires, once: each due track is claimed with
 * {@code FOR UPDATE SKIP LOCKED} in a transaction of its own, so replicas never fire the same one, and the
 * firing moves the deadline on in that transaction, with its notification requests and timeline entry.
 * <ul>
 *   <li>a step's deadline passed and the chain has a next step: the next step's people are notified;</li>
 *   <li>the last step's deadline passed: its people are reminded at the track's interval and the case
 *       is overdue (rule 5).</li>
 * </ul>
 * A track whose firing fails rolls back alone and the others fire on time. It is tried again after
 * {@code escalation.deadline-retry-interval}; after {@code escalation.deadline-set-aside-after} failures in a
 * row it is set aside: no longer claimed, put on the case's timeline with the reason, logged at ERROR and
 * shown on the gauge {@value #SET_ASIDE_TRACKS}, for a person to take on. The database being out of reach
 * is no track's fault: the round stops there and the next check tries again.
 */
@ApplicationScoped
public class DeadlineEngine {

    /** Gauge: tracks set aside that still wait for someone. */
    public static final String SET_ASIDE_TRACKS = "escalation.deadline.tracks.set.aside";
    /** Counter: failed attempts to fire a track's deadline. */
    public static final String FIRE_FAILURES = "escalation.deadline.fire.failures";
    /** Gauge: when (epoch seconds) the engine last went through every due track; 0 before the first time. */
    public static final String LAST_SUCCESS = "escalation.deadline.engine.last.success.timestamp";

    private static final Logger LOG = Logger.getLogger(DeadlineEngine.class);
    private static final int BATCH_SIZE = 50;

    private final EntityManager entityManager;
    private final ActivePolicy activePolicy;
    private final CaseNotifications notifications;
    private final CaseProgress progress;
    private final Clock clock;
    private final Duration retryInterval;
    private final DueRows<CaseTrack> due;
    private final int setAsideAfter;
    private final Counter fireFailures;
    private final AtomicLong setAsideTracks = new AtomicLong();
    private volatile Instant lastSuccess = Instant.EPOCH;
    private final DrainLoop loop = new DrainLoop("deadline-engine", BATCH_SIZE, this::fireDueBatch);

    DeadlineEngine(EntityManager entityManager, ActivePolicy activePolicy, CaseNotifications notifications,
                   CaseProgress progress, Clock clock, EscalationConfig config, MeterRegistry meters) {
        this.entityManager = entityManager;
        this.activePolicy = activePolicy;
        this.notifications = notifications;
        this.progress = progress;
        this.clock = clock;
        this.retryInterval = config.deadlineRetryInterval();
        this.due = new DueRows<>(entityManager, """
                SELECT * FROM case_track
                WHERE state IN ('NOTIFIED', 'OVERDUE') AND next_due_at <= :now AND set_aside_at IS NULL
                  AND (fire_failed_at IS NULL OR fire_failed_at <= :retryFrom)
                ORDER BY next_due_at LIMIT 1 FOR UPDATE SKIP LOCKED""", CaseTrack.class, row -> row.id, retryInterval);
        this.setAsideAfter = config.deadlineSetAsideAfter();
        this.fireFailures = meters.counter(FIRE_FAILURES);
        meters.gauge(SET_ASIDE_TRACKS, setAsideTracks);
        Gauge.builder(LAST_SUCCESS, this, engine -> engine.lastSuccess.toEpochMilli() / 1000.0).baseUnit("seconds")
                .register(meters);
    }

    @Scheduled(every = "${escalation.deadline-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        loop.request();
    }

    /** Fired in the transaction that brought a deadline forward to now. */
    public record DeadlineBroughtForward() {
    }

    /** Looks for due deadlines now rather than at the next check, once the one brought forward is committed. */
    void afterDeadlineBroughtForward(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeadlineBroughtForward broughtForward) {
        loop.request();
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        loop.stop(30);
    }

    /** Fires every deadline that has passed by now, each in its own transaction; returns how many were tried. */
    public int fireDue() {
        int tried = 0;
        int batch;
        do {
            batch = fireDueBatch();
            tried += batch;
        } while (batch == BATCH_SIZE);
        return tried;
    }

    private int fireDueBatch() {
        Instant now = clock.instant();
        int tried = 0;
        while (tried < BATCH_SIZE && due.fireNext(now, this::fire, this::recordFailure)) {
            tried++;
        }
        lastSuccess = clock.instant();
        setAsideTracks.set(QuarkusTransaction.requiringNew().call(CaseTrack::setAsideAndWaiting));
        return tried;
    }

    /** Counts a failed firing on the track and sets the track aside once that has happened too often in a row. */
    private void recordFailure(UUID trackId, Instant now, RuntimeException failure) {
        fireFailures.increment();
        String reason = PersonalData.describe(failure);
        QuarkusTransaction.requiringNew().run(() -> {
            CaseTrack track = entityManager.find(CaseTrack.class, trackId, LockModeType.PESSIMISTIC_WRITE);
            if (track.setAsideAt != null || track.nextDueAt == null || track.nextDueAt.isAfter(now)
                    || (track.state != TrackState.NOTIFIED && track.state != TrackState.OVERDUE)) {
                return;  // fired by another replica, acknowledged or closed meanwhile
            }
            track.fireFailures++;
            track.fireFailedAt = now;
            String reference = EscalationCase.<EscalationCase>findById(track.caseId).reference;
            if (track.fireFailures < setAsideAfter) {
                LOG.warnf("Case %s: the deadline of its %s chain could not be fired (failure %d of %d before it is set aside,"
                        + " tried again in %s): %s", reference, track.name, track.fireFailures, setAsideAfter, retryInterval, reason);
                return;
            }
            track.setAsideAt = now;
            track.setAsideBecause = reason;
            TimelineEntry.record(track.caseId, now, "SET_ASIDE", track.name + " step " + track.currentStep
                    + ": its deadline could not be fired " + track.fireFailures + " times in a row, so the chain is set aside"
                    + " and nobody further is told until staff act on it: " + reason);
            LOG.errorf("Case %s: its %s chain is set aside after %d failed attempts to fire its deadline; nobody further"
                    + " is told until staff act on it: %s", reference, track.name, track.fireFailures, reason);
        });
    }

    private void fire(CaseTrack track, Instant now) {
        // Failures in a row end here: this transaction commits only if the firing succeeds.
        track.fireFailures = 0;
        track.fireFailedAt = null;
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
            List<String> whyNobody = new ArrayList<>();
            List<CaseStep> available = availableNow(escalationCase, track, next, now, whyNobody);
            // At the end of the chain someone must have it, even if they are away.
            List<CaseStep> toTell = available.isEmpty() && track.currentStep == track.lastStep ? next : available;
            for (CaseStep step : toTell) {
                step.notifiedAt = now;
                step.dueAt = dueAt;
            }
            if (tell(Template.ESCALATION, escalationCase, track, toTell, dueAt, whyNobody) == 0) {
                nobodyTold(escalationCase, track, next, whyNobody, now);
            }
            LOG.infof("Case %s escalated to %s (%s chain), acknowledgement due %s", escalationCase.reference,
                    next.get(0).role, track.name, dueAt);
        } else {
            Instant nextReminder = policy.calendar().due(now, Deadline.parse(track.reminderInterval));
            track.state = TrackState.OVERDUE;
            track.nextDueAt = nextReminder;
            TimelineEntry.record(escalationCase.id, now, "REMINDED", track.name + " step " + track.currentStep
                    + ": the chain has run out; reminded until someone acknowledges");
            List<CaseStep> last = CaseStep.atStep(escalationCase.id, track.name, track.currentStep);
            List<String> whyNobody = new ArrayList<>();
            if (tell(Template.REMINDER, escalationCase, track, last, nextReminder, whyNobody) == 0) {
                nobodyTold(escalationCase, track, last, whyNobody, now);
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
    private List<CaseStep> availableNow(EscalationCase escalationCase, CaseTrack track, List<CaseStep> planned, Instant now,
                                        List<String> whyNobody) {
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
                whyNobody.add(step.personId + " is no longer in the directory");
                continue;  // notify() records it on the timeline
            }
            List<String> reasons = new ArrayList<>();
            Optional<Person> sendTo = Router.availableAt(person.get(), directory, now, excluded, reasons);
            whyNobody.addAll(reasons);
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

    /** Tells each of {@code steps}' people; returns how many could be told, adding why the others could not to {@code whyNobody}. */
    private int tell(Template template, EscalationCase escalationCase, CaseTrack track, List<CaseStep> steps, Instant dueAt,
                     List<String> whyNobody) {
        int told = 0;
        for (CaseStep step : steps) {
            if (notify(template, escalationCase, track, step, dueAt)) {
                told++;
            } else {
                whyNobody.add(step.personId + " is no longer in the directory");
            }
        }
        return told;
    }

    /**
     * Nobody at the track's current step could be told: the chain moves on at once when it has a next step, and
     * the policy's last-resort person is told why in any case, so that no step ends in silence.
     */
    private void nobodyTold(EscalationCase escalationCase, CaseTrack track, List<CaseStep> step, List<String> whyNobody,
                            Instant now) {
        String nowWithRole = null;
        if (track.currentStep < track.lastStep) {
            track.nextDueAt = now;
            loop.request();
            nowWithRole = CaseStep.atStep(escalationCase.id, track.name, track.currentStep + 1).get(0).role;
        }
        String reason = whyNobody.isEmpty() ? "nobody at this step could be told"
                : String.join("; ", whyNobody.stream().distinct().toList());
        notifications.tellLastResort(escalationCase, track, step.get(0), step.stream().map(row -> row.personId).toList(),
                reason, nowWithRole);
    }

    /** @return whether the person could be told: they may have left the directory since the case was planned */
    private boolean notify(Template template, EscalationCase escalationCase, CaseTrack track, CaseStep step, Instant dueAt) {
        Optional<Person> person = activePolicy.directory().byId(step.personId);
        if (person.isEmpty()) {
            TimelineEntry.record(escalationCase.id, clock.instant(), "NOT_NOTIFIED",
                    step.personId + " is no longer in the directory");
            return false;
        }
        notifications.askForResponse(template, new CaseNotifications.Addressee(escalationCase, track, step, person.get()), dueAt);
        TimelineEntry.record(escalationCase.id, clock.instant(), "NOTIFIED",
                track.name + " step " + step.stepIndex + ": " + step.role + " " + step.personId + " by " + step.channels
                        + " (" + template.wireName() + ")");
        return true;
    }
}
