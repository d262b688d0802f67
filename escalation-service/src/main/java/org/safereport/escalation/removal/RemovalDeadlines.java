package org.safereport.escalation.removal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.safereport.escalation.cases.CaseNotifications;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.deadlines.DueRows;
import org.safereport.escalation.domain.RemovalState;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.DisciplinaryReferral;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.RemovalRequest;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.events.notification.Template;
import org.safereport.events.notification.TemplateData;
import org.safereport.messaging.consumer.PersonalData;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The reminder and the deadline of each removal request still waiting for an answer, like the cases' deadlines
 * ({@code DeadlineEngine}): they live only in PostgreSQL ({@code removal_request.next_due_at}); each due request
 * is claimed with {@code FOR UPDATE SKIP LOCKED} and fired in a transaction of its own, which moves its
 * {@code next_due_at} on, so that each fires once, whatever the replicas, restarts and answers arriving meanwhile.
 * <ul>
 *   <li>at {@link RemovalRequests#REMIND_AT} of the time, the person asked is reminded;</li>
 *   <li>at the deadline, the people told on the case are told, and a disciplinary referral is opened.</li>
 * </ul>
 * A request whose firing fails rolls back alone and is tried again after {@code escalation.deadline-retry-interval}.
 */
@ApplicationScoped
public class RemovalDeadlines {

    private static final Logger LOG = Logger.getLogger(RemovalDeadlines.class);

    private final EntityManager entityManager;
    private final RemovalMessages messages;
    private final DisciplinaryReferrals referrals;
    private final CaseNotifications notifications;
    private final ActivePolicy activePolicy;
    private final Clock clock;
    private final Duration retryInterval;
    private final DueRows<RemovalRequest> due;

    RemovalDeadlines(EntityManager entityManager, RemovalMessages messages, DisciplinaryReferrals referrals,
                     CaseNotifications notifications, ActivePolicy activePolicy, Clock clock, EscalationConfig config) {
        this.entityManager = entityManager;
        this.messages = messages;
        this.referrals = referrals;
        this.notifications = notifications;
        this.activePolicy = activePolicy;
        this.clock = clock;
        this.retryInterval = config.deadlineRetryInterval();
        this.due = new DueRows<>(entityManager, """
                SELECT * FROM removal_request
                WHERE state = 'REQUESTED' AND next_due_at <= :now
                  AND (fire_failed_at IS NULL OR fire_failed_at <= :retryFrom)
                ORDER BY next_due_at LIMIT 1 FOR UPDATE SKIP LOCKED""", RemovalRequest.class, row -> row.id, retryInterval);
    }

    @Scheduled(every = "${escalation.deadline-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        fireDue();
    }

    /** Fires every reminder and deadline that has passed by now, each in its own transaction; returns how many were tried. */
    public int fireDue() {
        Instant now = clock.instant();
        int tried = 0;
        while (due.fireNext(now, this::fire, this::recordFailure)) {
            tried++;
        }
        return tried;
    }

    private void recordFailure(UUID requestId, Instant now, RuntimeException failure) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE removal_request SET fire_failed_at = :now WHERE id = :id AND state = 'REQUESTED'")
                .setParameter("now", now).setParameter("id", requestId).executeUpdate());
        LOG.warnf("A removal request's reminder or deadline could not be fired (tried again in %s): %s", retryInterval,
                PersonalData.describe(failure));
    }

    private void fire(RemovalRequest request, Instant now) {
        request.fireFailedAt = null;
        EscalationCase escalationCase = EscalationCase.findById(request.caseId);
        if (request.remindedAt == null && now.isBefore(request.dueAt)) {
            request.remindedAt = now;
            request.nextDueAt = request.dueAt;
            messages.ask(Template.REMOVAL_REMINDER, escalationCase, request);
            TimelineEntry.record(escalationCase.id, now, "REMOVAL_REMINDED", RemovalMessages.named(request) + ": "
                    + RemovalMessages.asked(request) + " reminded, no answer yet (" + Template.REMOVAL_REMINDER.wireName() + " by EMAIL)");
            LOG.infof("Case %s: removal request %d reminded", escalationCase.reference, request.number);
            return;
        }
        request.state = RemovalState.NOT_REMOVED;
        request.nextDueAt = null;
        List<String> told = tellTheChain(escalationCase, request);
        TimelineEntry.record(escalationCase.id, now, "REMOVAL_OVERDUE", RemovalMessages.named(request) + ": no answer from "
                + RemovalMessages.asked(request) + " by the deadline; told " + (told.isEmpty() ? "nobody on the case" : String.join(", ", told))
                + " (" + Template.REMOVAL_OVERDUE.wireName() + " by EMAIL)");
        referrals.open(escalationCase, request, DisciplinaryReferral.Reason.NOT_REMOVED, now);
        LOG.infof("Case %s: removal request %d not answered by its deadline", escalationCase.reference, request.number);
    }

    /** Everyone told on the case so far, but the person asked; returns their ids. */
    private List<String> tellTheChain(EscalationCase escalationCase, RemovalRequest request) {
        CategoryRule rule = activePolicy.policy().ruleFor(escalationCase.category);
        TemplateData data = new TemplateData.PostNotRemoved(rule.label(), activePolicy.policy().calendar().describe(request.dueAt));
        List<Person> chain = CaseStep.<CaseStep>list("caseId = ?1 and notifiedAt is not null order by notifiedAt, stepIndex",
                        escalationCase.id).stream()
                .map(step -> step.personId).distinct().filter(id -> !Objects.equals(id, request.askedPersonId))
                .map(activePolicy.directory()::byId).flatMap(Optional::stream).toList();
        for (Person person : chain) {
            notifications.tellAboutCase(escalationCase, "removal/" + request.id + "/" + person.id(), CaseNotifications.recipient(person),
                    Template.REMOVAL_OVERDUE, data, null);
        }
        return chain.stream().map(Person::id).toList();
    }
}
