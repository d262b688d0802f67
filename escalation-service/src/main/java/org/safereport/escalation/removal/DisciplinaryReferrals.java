package org.safereport.escalation.removal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.cases.CaseNotifications;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.DisciplinaryReferral;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.RemovalRequest;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.events.notification.Template;
import org.safereport.events.notification.TemplateData;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * "Failure to comply with such a request may result in disciplinary action": a refusal, or no answer by the
 * deadline, opens a disciplinary referral on the case, to the Chief Executive, or to the Chair of Trustees when
 * the person asked is the Chief Executive. The person it goes to is emailed; the referral is on the timeline
 * and in the audit.
 */
@ApplicationScoped
class DisciplinaryReferrals {

    /** Who the audit names for what the service does by itself. */
    static final String ACTOR = "removal-deadlines";

    private static final Logger LOG = Logger.getLogger(DisciplinaryReferrals.class);

    private final ActivePolicy activePolicy;
    private final CaseNotifications notifications;
    private final AuditTrail audit;

    DisciplinaryReferrals(ActivePolicy activePolicy, CaseNotifications notifications, AuditTrail audit) {
        this.activePolicy = activePolicy;
        this.notifications = notifications;
        this.audit = audit;
    }

    /** Who a referral goes to, and in which role. */
    record Referee(Person person, Role role) {
    }

    /** The Chief Executive; the Chair of Trustees when the person asked is the Chief Executive; never the person asked. */
    static Optional<Referee> referee(Directory directory, String askedPersonId) {
        boolean askedTheChiefExecutive = askedPersonId != null
                && directory.byId(askedPersonId).filter(person -> person.holds(Role.CHIEF_EXECUTIVE)).isPresent();
        Role role = askedTheChiefExecutive ? Role.CHAIR_OF_TRUSTEES : Role.CHIEF_EXECUTIVE;
        return directory.holders(role).stream().filter(person -> !person.id().equals(askedPersonId)).findFirst()
                .map(person -> new Referee(person, role));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void open(EscalationCase escalationCase, RemovalRequest request, DisciplinaryReferral.Reason reason, Instant now) {
        String why = reason == DisciplinaryReferral.Reason.REFUSED ? "refused to remove the post"
                : "did not remove the post by the deadline";
        Optional<Referee> referee = referee(activePolicy.directory(), request.askedPersonId);
        if (referee.isEmpty()) {
            // The policy files are refused without a Chief Executive, so this is a directory changed under us.
            TimelineEntry.record(escalationCase.id, now, "REFERRAL", "disciplinary referral on " + RemovalMessages.named(request)
                    + " (" + RemovalMessages.asked(request) + " " + why + ") could not be given to anyone: nobody but the"
                    + " person asked holds the role it goes to");
            LOG.errorf("Case %s: a disciplinary referral has nobody to go to", escalationCase.reference);
            return;
        }
        Person to = referee.get().person();
        String role = referee.get().role().name();
        DisciplinaryReferral referral = new DisciplinaryReferral();
        referral.id = UUID.randomUUID();
        referral.caseId = escalationCase.id;
        referral.removalRequestId = request.id;
        referral.reason = reason;
        referral.referredTo = to.id();
        referral.referredToRole = role;
        referral.openedAt = now;
        referral.persist();
        TimelineEntry.record(escalationCase.id, now, "REFERRAL", "disciplinary referral opened on " + RemovalMessages.named(request)
                + ": " + RemovalMessages.asked(request) + " " + why + "; it goes to the " + role + " " + to.id());
        audit.record(new AuditTrail.Actor(ACTOR, null), AuditEntry.Action.OPENED_REFERRAL, escalationCase.id, referral.id.toString());
        CategoryRule rule = activePolicy.policy().ruleFor(escalationCase.category);
        notifications.tellAboutCase(escalationCase, "referral/" + request.id, CaseNotifications.recipient(to),
                Template.DISCIPLINARY_REFERRAL, new TemplateData.DisciplinaryReferralOpened(rule.label(), why), null);
        TimelineEntry.record(escalationCase.id, now, "NOTIFIED", "the " + role + " " + to.id() + " told of the disciplinary referral"
                + " by EMAIL (" + Template.DISCIPLINARY_REFERRAL.wireName() + ")");
        LOG.infof("Case %s: disciplinary referral opened (%s), to the %s", escalationCase.reference, reason, role);
    }
}
