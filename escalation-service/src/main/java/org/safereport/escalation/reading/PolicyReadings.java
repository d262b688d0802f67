package org.safereport.escalation.reading;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.PolicyReadingToken;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.ReadingReminders;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.PolicyReading;
import org.safereport.events.notification.Channel;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.Template;
import org.safereport.events.notification.TemplateData;
import org.safereport.messaging.outbox.Outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * "All members should take the time to read and understand" the policy, it is "incorporated in induction
 * information", and "any significant changes will be communicated": when a version comes into force, everyone in
 * the directory is emailed a signed link to read it and confirm; someone added to the directory later is invited
 * at the next check; those who have not confirmed are reminded every interval the policy file sets, up to its
 * limit. Each invitation, reminder and confirmation is its own transaction with its email (through the outbox),
 * decided by an insert that a unique constraint refuses or an update under a condition, so that replicas and
 * restarts send each once and a second click records nothing.
 */
@ApplicationScoped
public class PolicyReadings {

    private static final Logger LOG = Logger.getLogger(PolicyReadings.class);

    private final ActivePolicy activePolicy;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final AuditTrail audit;
    private final EscalationConfig config;
    private final Clock clock;

    PolicyReadings(ActivePolicy activePolicy, Outbox outbox, EntityManager entityManager, AuditTrail audit,
                   EscalationConfig config, Clock clock) {
        this.activePolicy = activePolicy;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** What a person's link shows: the invitation, and whether the version is still the one in force. */
    public record Invitation(PolicyReading reading, Optional<Person> person, RoutingPolicy policy, boolean inForce) {
    }

    /** The result of pressing the button: {@code confirmedNow} is false when it had been recorded before. */
    public record Confirmation(Invitation invitation, boolean confirmedNow) {
    }

    /**
     * One member's reading of a version, for the Chief Executive: the name from the directory (the id when they have
     * left it).
     */
    public record Reader(String personId, String name, boolean inDirectory, Instant invitedAt, int remindersSent,
                         Instant lastSentAt, Instant confirmedAt) {
    }

    /**
     * Who has confirmed {@code version} and who has not, and which versions there are to choose from.
     *
     * @param notInvited people in the directory not yet invited to the version in force (the next check invites them)
     */
    public record Overview(String version, String versionInForce, List<String> versions, List<Reader> confirmed,
                           List<Reader> notConfirmed, List<Person> notInvited, ReadingReminders reminders) {

        public boolean inForce() {
            return version.equals(versionInForce);
        }
    }

    /** The readings of {@code version}, or of the version in force when none is asked for. */
    public Overview overview(Optional<String> version) {
        RoutingPolicy policy = activePolicy.policy();
        Directory directory = activePolicy.directory();
        String shown = version.orElse(policy.version());
        boolean inForce = shown.equals(policy.version());
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Reader> readers = PolicyReading.of(shown).stream().map(reading -> {
                Optional<Person> person = directory.byId(reading.personId);
                return new Reader(reading.personId, person.map(Person::name).orElse(reading.personId), person.isPresent(),
                        reading.invitedAt, reading.remindersSent, reading.lastSentAt, reading.confirmedAt);
            }).toList();
            Set<String> invited = readers.stream().map(Reader::personId).collect(Collectors.toSet());
            List<String> versions = new ArrayList<>(PolicyReading.versions());
            if (!versions.contains(policy.version())) {
                versions.add(0, policy.version());
            }
            return new Overview(shown, policy.version(), versions,
                    readers.stream().filter(reader -> reader.confirmedAt() != null).toList(),
                    readers.stream().filter(reader -> reader.confirmedAt() == null).toList(),
                    inForce ? directory.people().stream().filter(person -> !invited.contains(person.id())).toList() : List.of(),
                    policy.readingReminders());
        });
    }

    void inviteWhenInForce(@Observes ActivePolicy.PolicyInForce inForce) {
        try {
            inviteNewcomers();
        } catch (RuntimeException e) {
            // The version stays in force: whoever was not invited now is at the next check.
            LOG.warnf("Policy %s: invitations to read it left for the next check: %s", inForce.policy().version(), e.getMessage());
        }
    }

    // Delayed: a version coming into force invites at once; the check finds those who joined since, and reminds.
    @Scheduled(every = "${escalation.reading.check-interval}", delayed = "${escalation.reading.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledCheck() {
        inviteNewcomers();
        remindThoseDue();
    }

    /** Invites everyone in the directory not yet invited to read the version in force; returns how many were. */
    public int inviteNewcomers() {
        RoutingPolicy policy = activePolicy.policy();
        Set<String> invited = QuarkusTransaction.requiringNew().call(() -> PolicyReading.invitedTo(policy.version()));
        int count = 0;
        for (Person person : activePolicy.directory().people()) {
            if (!invited.contains(person.id()) && QuarkusTransaction.requiringNew().call(() -> invite(person, policy))) {
                count++;
            }
        }
        if (count > 0) {
            LOG.infof("Policy %s: %d member(s) invited to read and confirm it", policy.version(), count);
        }
        return count;
    }

    /** Reminds each person who has not confirmed the version in force and whose reminder is due; returns how many were. */
    public int remindThoseDue() {
        RoutingPolicy policy = activePolicy.policy();
        ReadingReminders reminders = policy.readingReminders();
        Instant sentBy = clock.instant().minus(reminders.interval());
        List<UUID> due = QuarkusTransaction.requiringNew().call(() ->
                PolicyReading.unconfirmedSentBy(policy.version(), sentBy, reminders.limit()));
        int count = 0;
        for (UUID readingId : due) {
            if (QuarkusTransaction.requiringNew().call(() -> remind(readingId, policy, sentBy))) {
                count++;
            }
        }
        if (count > 0) {
            LOG.infof("Policy %s: %d member(s) reminded to read and confirm it", policy.version(), count);
        }
        return count;
    }

    /** The invitation a link names, while the link is valid. */
    public Optional<Invitation> invitation(String token) {
        return QuarkusTransaction.requiringNew().call(() -> resolve(token, LockModeType.NONE));
    }

    /**
     * Records that the link's person has read and understood the version, once: a second press changes nothing.
     * Only the version in force can be confirmed; a link to an earlier one says so.
     */
    public Optional<Confirmation> confirm(String token, String clientAddress) {
        return QuarkusTransaction.requiringNew().call(() -> resolve(token, LockModeType.PESSIMISTIC_WRITE).map(invitation -> {
            PolicyReading reading = invitation.reading();
            if (reading.confirmedAt != null || !invitation.inForce()) {
                return new Confirmation(invitation, false);
            }
            reading.confirmedAt = clock.instant();
            audit.record(new AuditTrail.Actor(reading.personId, clientAddress), AuditEntry.Action.CONFIRMED_POLICY_READ, null,
                    "policy " + reading.policyVersion);
            LOG.infof("Policy %s: reading confirmed by %s", reading.policyVersion, reading.personId);
            return new Confirmation(invitation, true);
        }));
    }

    private Optional<Invitation> resolve(String token, LockModeType lock) {
        RoutingPolicy policy = activePolicy.policy();
        return PolicyReadingToken.verify(token, config.acknowledgement().signingKeyBytes(), clock.instant())
                .map(valid -> PolicyReading.<PolicyReading>findById(valid.readingId(), lock))
                .map(reading -> new Invitation(reading, activePolicy.directory().byId(reading.personId), policy,
                        reading.policyVersion.equals(policy.version())));
    }

    /** In its own transaction: the row and its email, or nothing when another replica invited them first. */
    private boolean invite(Person person, RoutingPolicy policy) {
        Instant now = clock.instant();
        UUID readingId = UUID.randomUUID();
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO policy_reading (id, policy_version, person_id, invited_at, last_sent_at)
                        VALUES (:id, :version, :person, :now, :now)
                        ON CONFLICT ON CONSTRAINT policy_reading_once_per_person_and_version DO NOTHING""")
                .setParameter("id", readingId).setParameter("version", policy.version()).setParameter("person", person.id())
                .setParameter("now", now).executeUpdate();
        if (inserted == 1) {
            send(person, policy, readingId, 0, now);
        }
        return inserted == 1;
    }

    /** In its own transaction: the next reminder, if it is still due (not confirmed, not sent by another replica). */
    private boolean remind(UUID readingId, RoutingPolicy policy, Instant sentBy) {
        PolicyReading reading = PolicyReading.findById(readingId);
        Optional<Person> person = activePolicy.directory().byId(reading.personId);
        if (person.isEmpty()) {
            return false; // no longer in the directory: no longer a member to remind
        }
        Instant now = clock.instant();
        int updated = entityManager.createQuery("""
                        update PolicyReading set remindersSent = remindersSent + 1, lastSentAt = :now
                        where id = :id and confirmedAt is null and lastSentAt <= :sentBy and remindersSent < :limit""")
                .setParameter("now", now).setParameter("id", readingId).setParameter("sentBy", sentBy)
                .setParameter("limit", policy.readingReminders().limit()).executeUpdate();
        if (updated == 1) {
            entityManager.refresh(reading);
            send(person.get(), policy, readingId, reading.remindersSent, now);
        }
        return updated == 1;
    }

    /** The email is about no case; one request per invitation and reminder, so a redelivery sends nothing twice. */
    private void send(Person person, RoutingPolicy policy, UUID readingId, int reminder, Instant now) {
        UUID requestId = UUID.nameUUIDFromBytes(String.join("/", Template.POLICY_TO_READ.wireName(), readingId.toString(),
                Integer.toString(reminder)).getBytes(StandardCharsets.UTF_8));
        PolicyReadingToken token = new PolicyReadingToken(readingId, now.plus(policy.readingReminders().linkValidity()));
        String link = config.publicBaseUrl().replaceAll("/+$", "") + "/read/" + token.sign(config.acknowledgement().signingKeyBytes());
        outbox.add("policy-reading-" + readingId, NotificationRequestedV1.of(now, requestId, null,
                new NotificationRequestedV1.Recipient(person.id(), person.name(), person.email(), person.mobile()),
                List.of(Channel.EMAIL), Template.POLICY_TO_READ,
                new TemplateData.PolicyToRead(policy.version(), policy.significantChange().orElse(null), reminder), link,
                NotificationRequestedV1.Priority.NORMAL));
    }
}
