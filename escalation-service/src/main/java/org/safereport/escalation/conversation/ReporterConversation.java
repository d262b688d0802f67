package org.safereport.escalation.conversation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.cases.CaseNotifications;
import org.safereport.escalation.client.IntakeReports;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.routing.RoutingPlan;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseQueries;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.events.ReportReplyReceivedV1;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversation with the reporter, on the case's side. The messages are kept by the intake service, with
 * the report: staff write through its internal API, and the reporter's answers come back as
 * {@code report.reply-received} events that carry no words and nothing of who wrote them. Here each message
 * goes on the case's timeline and audit trail, and the person who has the case is told of an answer.
 */
@ApplicationScoped
public class ReporterConversation {

    /** Who the trail names for a reply: nobody, since the reporter may be anonymous; never a directory id. */
    public static final String REPORTER = "(reporter)";

    /** What the reporter reads for a sender whose role on the case is not known. */
    private static final String ANY_STAFF = "the team dealing with your report";

    private static final Logger LOG = Logger.getLogger(ReporterConversation.class);

    private final IntakeReports intake;
    private final AuditTrail audit;
    private final CaseNotifications notifications;
    private final ActivePolicy activePolicy;
    private final Clock clock;

    ReporterConversation(IntakeReports intake, AuditTrail audit, CaseNotifications notifications, ActivePolicy activePolicy,
                         Clock clock) {
        this.intake = intake;
        this.audit = audit;
        this.notifications = notifications;
        this.activePolicy = activePolicy;
        this.clock = clock;
    }

    /**
     * Sends {@code text} to the reporter of {@code record}'s case, signed with the sender's role on the case.
     * Intake keeps it first: a message the reporter can read is always on the trail, once this returns.
     *
     * @return the message's id; empty when intake no longer has the report
     */
    public Optional<UUID> send(CaseQueries.CaseRecord record, Person sender, AuditTrail.Actor actor, String text)
            throws IntakeReports.Unavailable {
        EscalationCase escalationCase = record.escalationCase();
        Optional<UUID> sent = intake.sendToReporter(escalationCase.reportId,
                new IntakeReports.StaffMessage(sender.id(), roleTitle(record, sender), text));
        sent.ifPresent(messageId -> {
            QuarkusTransaction.requiringNew().run(() -> {
                TimelineEntry.record(escalationCase.id, clock.instant(), "MESSAGE_SENT", "message to the reporter from " + sender.id());
                audit.record(actor, AuditEntry.Action.MESSAGED_REPORTER, escalationCase.id, item(messageId));
            });
            LOG.infof("Case %s: a message was sent to the reporter", escalationCase.reference);
        });
        return sent;
    }

    /**
     * The reporter answered: on the timeline and the trail, and whoever has the case is told by email (the
     * person who acknowledged it, else the people at the current step of its chain). A redelivered event finds
     * the reply on the trail and changes nothing.
     */
    @Transactional
    public void replyReceived(ReportReplyReceivedV1 event) {
        Optional<EscalationCase> found = EscalationCase.<EscalationCase>find("reportId", event.reportId()).firstResultOptional();
        if (found.isEmpty()) {
            LOG.warnf("Ignored report.reply-received %s: no case for report %s", event.eventId(), event.reference());
            return;
        }
        EscalationCase escalationCase = EscalationCase.findById(found.get().id, LockModeType.PESSIMISTIC_WRITE);
        String item = item(event.messageId());
        if (escalationCase.purgedAt != null || AuditEntry.exists(escalationCase.id, AuditEntry.Action.REPORTER_REPLIED, item)) {
            return;
        }
        CaseTrack chain = CaseTrack.find("caseId = ?1 and name = ?2", escalationCase.id, RoutingPlan.CATEGORY_TRACK).firstResult();
        CaseStep current = CaseStep.atStep(escalationCase.id, chain.name, chain.currentStep).get(0);
        List<Person> handlers = handlers(escalationCase.id, chain);
        for (Person handler : handlers) {
            notifications.tellReporterReplied(new CaseNotifications.Addressee(escalationCase, chain, current, handler), event.occurredAt());
        }
        Instant now = clock.instant();
        TimelineEntry.record(escalationCase.id, now, "REPLY_RECEIVED", "the reporter replied on their status page; told: "
                + String.join(", ", handlers.stream().map(Person::id).toList()));
        audit.record(new AuditTrail.Actor(REPORTER, null), AuditEntry.Action.REPORTER_REPLIED, escalationCase.id, item);
        LOG.infof("Case %s: the reporter replied", escalationCase.reference);
    }

    /** Whoever has the case: who acknowledged it (or reopened it), else everyone at its chain's current step. */
    private List<Person> handlers(UUID caseId, CaseTrack chain) {
        List<String> ids = chain.acknowledgedBy != null ? List.of(chain.acknowledgedBy)
                : CaseStep.atStep(caseId, chain.name, chain.currentStep).stream().map(step -> step.personId).toList();
        return ids.stream().map(id -> activePolicy.directory().byId(id)).flatMap(Optional::stream).toList();
    }

    /** The sender's role as the reporter reads it: their role on the case, else the first role they hold. */
    private static String roleTitle(CaseQueries.CaseRecord record, Person sender) {
        return record.steps().stream().filter(step -> sender.id().equals(step.personId)).findFirst()
                .map(step -> Role.valueOf(step.role).title())
                .or(() -> Arrays.stream(Role.values()).filter(sender::holds).findFirst().map(Role::title))
                .orElse(ANY_STAFF);
    }

    private static String item(UUID messageId) {
        return "message " + messageId;
    }
}
