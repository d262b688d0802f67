package org.safereport.escalation.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.AcknowledgementToken;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.NotificationRecord;
import org.safereport.escalation.persistence.ShortLink;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.events.notification.Channel;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.Template;
import org.safereport.events.notification.TemplateData;
import org.safereport.messaging.outbox.Outbox;
import org.safereport.time.Deadline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tells one person about a case, in the transaction of the case change that causes it: the request goes
 * through the outbox, and the case keeps a record of it (which step, which person, which channels) so that
 * delivery reports can be matched to the step. What the messages show is the template's data and no more
 * (rule 7): no description of the report and no reporter.
 */
@ApplicationScoped
public class CaseNotifications {

    private static final Logger LOG = Logger.getLogger(CaseNotifications.class);

    private final ActivePolicy activePolicy;
    private final Outbox outbox;
    private final EscalationConfig config;
    private final Clock clock;

    CaseNotifications(ActivePolicy activePolicy, Outbox outbox, EscalationConfig config, Clock clock) {
        this.activePolicy = activePolicy;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Where a message about a case goes: the case, the chain (track) and the step's row naming the person. */
    public record Addressee(EscalationCase escalationCase, CaseTrack track, CaseStep step, Person person) {
    }

    /**
     * Asks {@code to} for a response by {@code dueAt}: a {@code new-case}, {@code escalation} or {@code reminder}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void askForResponse(Template template, Addressee to, Instant dueAt) {
        send(template, to, dueAt, activePolicy.policy(), false);
    }

    /**
     * The first request to a person on a case opened in this same transaction, under the policy it was routed
     * by: no record of it can exist yet, so none is looked up (a look-up would flush the case's rows and cost a
     * round trip).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void askForResponseOnNewCase(Addressee to, RoutingPolicy policy) {
        send(Template.NEW_CASE, to, to.step().dueAt, policy, true);
    }

    /** Tells {@code to}, notified earlier on the chain, that the {@code acknowledgedByRole} has the case. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tellAcknowledged(Addressee to, String acknowledgedByRole) {
        Instant now = clock.instant();
        CategoryRule rule = activePolicy.policy().ruleFor(to.track().category);
        TemplateData data = new TemplateData.CaseAcknowledged(rule.label(), rule.urgency(), acknowledgedByRole);
        // The acknowledgement's time stands where a deadline would: one "someone has it" per person and acknowledgement.
        publish(Template.ACKNOWLEDGED, to, data, null, List.of(Channel.EMAIL), now, now, false);
    }

    /**
     * Tells {@code to}, who has the case, that the reporter answered on their status page: never the answer,
     * which they read on the case page. One message per person and reply ({@code repliedAt}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tellReporterReplied(Addressee to, Instant repliedAt) {
        CategoryRule rule = activePolicy.policy().ruleFor(to.track().category);
        publish(Template.REPORTER_REPLIED, to, new TemplateData.ReporterReplied(rule.label(), rule.urgency()), null,
                List.of(Channel.EMAIL), repliedAt, clock.instant(), false);
    }

    /**
     * Nobody at {@code step} could be told: the policy's last resort is told why (the first of its roles none of
     * whose holders is involved: the subject, the reporter, or one of those who could not be told), so that a
     * report is never left with nobody aware of it. The timeline says who was told, or that nobody could be.
     *
     * @param unreachable the ids of the people at the step who could not be told
     * @param nowWithRole the role the case moves on to, or {@code null} at the end of the chain
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tellLastResort(EscalationCase escalationCase, CaseTrack track, CaseStep step, Collection<String> unreachable,
                               String reason, String nowWithRole) {
        Instant now = clock.instant();
        RoutingPolicy policy = activePolicy.policy();
        Set<String> involved = new HashSet<>(unreachable);
        Optional.ofNullable(escalationCase.subjectPersonId).ifPresent(involved::add);
        Optional.ofNullable(escalationCase.reporterPersonId).ifPresent(involved::add);
        String where = track.name + " step " + step.stepIndex + " (" + step.role + ")";
        for (Role role : policy.lastResort()) {
            List<Person> holders = activePolicy.directory().holders(role);
            if (holders.isEmpty() || holders.stream().anyMatch(person -> involved.contains(person.id()))) {
                continue;
            }
            CategoryRule rule = policy.ruleFor(track.category);
            TemplateData data = new TemplateData.NobodyReached(rule.label(), rule.urgency(), step.role, reason, nowWithRole);
            List<Channel> channels = rule.channels().stream().map(channel -> Channel.valueOf(channel.name())).sorted().toList();
            for (Person person : holders) {
                publish(Template.UNREACHABLE, new Addressee(escalationCase, track, step, person), data, null, channels, now, now, false);
            }
            TimelineEntry.record(escalationCase.id, now, "LAST_RESORT", where + ": nobody could be told (" + reason
                    + "), so the " + role + " " + holders.stream().map(Person::id).toList() + " was told");
            LOG.warnf("Case %s: nobody at %s could be told; the %s was told as the last resort", escalationCase.reference,
                    where, role);
            return;
        }
        TimelineEntry.record(escalationCase.id, now, "LAST_RESORT", where + ": nobody could be told (" + reason
                + "), and no last-resort role " + policy.lastResort() + " has a holder outside the case to tell");
        LOG.errorf("Case %s: nobody at %s could be told, and no last-resort role has a holder outside the case",
                escalationCase.reference, where);
    }

    private void send(Template template, Addressee to, Instant dueAt, RoutingPolicy policy, boolean caseOpenedNow) {
        Instant now = clock.instant();
        CaseStep step = to.step();
        CategoryRule rule = policy.ruleFor(to.track().category);
        Deadline deadline = Deadline.parse(step.deadlineSpec);
        List<Channel> channels = Arrays.stream(step.channels.split(",")).map(Channel::valueOf).sorted().toList();
        AcknowledgementToken token = new AcknowledgementToken(to.track().id, step.stepIndex, to.person().id(),
                now.plus(config.acknowledgement().linkValidity()));
        // The signed link does not fit a text message: the text carries a short code for it.
        String shortLink = channels.contains(Channel.SMS) ? publicBase() + "/a/" + ShortLink.create(token) : null;
        TemplateData data = new TemplateData.CaseNotice(rule.label(), rule.urgency(), step.role, deadline.describe(), dueAt,
                policy.calendar().describe(dueAt), to.person().timeZone() == null ? null : to.person().timeZone().getId(),
                rule.recipientAction(), shortLink);
        publish(template, to, data, publicBase() + "/ack/" + token.sign(config.acknowledgement().signingKeyBytes()), channels,
                dueAt, now, caseOpenedNow);
    }

    /** @param dueAt the deadline the message is about, which makes its request id unique */
    private void publish(Template template, Addressee to, TemplateData data, String link, List<Channel> channels,
                         Instant dueAt, Instant now, boolean caseOpenedNow) {
        EscalationCase escalationCase = to.escalationCase();
        // One request per case, track, step, person, template and deadline: redelivery upstream sends nothing twice.
        UUID requestId = UUID.nameUUIDFromBytes(String.join("/", escalationCase.id.toString(), to.track().name,
                Integer.toString(to.step().stepIndex), to.person().id(), template.wireName(), dueAt.toString())
                .getBytes(StandardCharsets.UTF_8));
        Person person = to.person();
        request(escalationCase, requestId, recipient(person), channels, template, data, link,
                Deadline.parse(to.step().deadlineSpec).clock() == Deadline.Clock.WALL
                        ? NotificationRequestedV1.Priority.HIGH : NotificationRequestedV1.Priority.NORMAL, now);
        if (caseOpenedNow || NotificationRecord.findById(requestId) == null) {
            NotificationRecord record = new NotificationRecord();
            record.requestId = requestId;
            record.caseId = escalationCase.id;
            record.track = to.track().name;
            record.stepIndex = to.step().stepIndex;
            record.personId = person.id();
            record.template = template.wireName();
            record.channels = String.join(",", channels.stream().map(Channel::name).toList());
            record.requestedAt = now;
            record.persist();
        }
    }

    /**
     * An email about a case to someone outside its chains (a person asked to remove a post, who may not be in the
     * directory; the person a disciplinary referral goes to), in the transaction of the change that causes it.
     *
     * @param purpose what the message is for, unique on the case, e.g. "removal/<id>/reminder": a redelivery sends nothing twice
     * @param link the link the message carries, a path under the public address, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tellAboutCase(EscalationCase escalationCase, String purpose, NotificationRequestedV1.Recipient to,
                              Template template, TemplateData data, String link) {
        UUID requestId = UUID.nameUUIDFromBytes((escalationCase.id + "/" + purpose + "/" + template.wireName())
                .getBytes(StandardCharsets.UTF_8));
        request(escalationCase, requestId, to, List.of(Channel.EMAIL), template, data, link == null ? null : publicBase() + link,
                NotificationRequestedV1.Priority.NORMAL, clock.instant());
    }

    /** How a directory member is reached. */
    public static NotificationRequestedV1.Recipient recipient(Person person) {
        return new NotificationRequestedV1.Recipient(person.id(), person.name(), person.email(), person.mobile());
    }

    private void request(EscalationCase escalationCase, UUID requestId, NotificationRequestedV1.Recipient recipient,
                         List<Channel> channels, Template template, TemplateData data, String link,
                         NotificationRequestedV1.Priority priority, Instant now) {
        NotificationRequestedV1 request = NotificationRequestedV1.of(now, requestId, escalationCase.reference, recipient,
                channels, template, data, link, priority);
        // Keyed by case: one partition per case keeps its messages in order (the new case before "someone has it").
        outbox.add(escalationCase.id.toString(), request);
    }

    private String publicBase() {
        return config.publicBaseUrl().replaceAll("/+$", "");
    }
}
