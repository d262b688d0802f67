package org.safereport.escalation.acknowledgement;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.cases.CaseNotifications;
import org.safereport.escalation.cases.CaseProgress;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.AcknowledgementToken;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.ShortLink;
import org.safereport.escalation.persistence.TimelineEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * "I've got this": a recipient acknowledges a case track through the signed link in their notification.
 * Acknowledging stops that track's chain, is recorded with who and when, and tells everyone notified
 * earlier on the track that someone has it. The first acknowledgement counts for all (rule 9).
 */
@ApplicationScoped
public class Acknowledgements {

    private static final Logger LOG = Logger.getLogger(Acknowledgements.class);

    private final ActivePolicy activePolicy;
    private final CaseNotifications notifications;
    private final CaseProgress progress;
    private final EscalationConfig config;
    private final MeterRegistry meters;
    private final AuditTrail audit;
    private final Clock clock;

    Acknowledgements(ActivePolicy activePolicy, CaseNotifications notifications, CaseProgress progress,
                     EscalationConfig config, MeterRegistry meters, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.activePolicy = activePolicy;
        this.notifications = notifications;
        this.progress = progress;
        this.config = config;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * What the link's page shows: the case in a few words, and whether someone already has it.
     *
     * @param acknowledgedByRole the role of whoever acknowledged, or null while nobody has
     */
    public record Summary(String reference, String categoryLabel, String urgency, String role, String recipientAction,
                          String respondBy, boolean acknowledged, String acknowledgedByRole, boolean byYou) {
    }

    @Transactional
    public Optional<Summary> summary(String token) {
        return resolve(token, LockModeType.NONE).map(link -> link.summary(activePolicy.policy()));
    }

    /** The signed token a text message's short code stands for, while it is valid. */
    @Transactional
    public Optional<String> tokenForShortCode(String code) {
        return ShortLink.token(code, clock.instant()).map(token -> token.sign(config.acknowledgement().signingKeyBytes()));
    }

    /** Acknowledges the link's track; an already acknowledged track stays with whoever had it first. */
    @Transactional
    public Optional<Summary> acknowledge(String token, String clientAddress) {
        Optional<Link> resolved = resolve(token, LockModeType.PESSIMISTIC_WRITE);
        resolved.ifPresent(link -> acknowledge(link, clientAddress));
        return resolved.map(link -> link.summary(activePolicy.policy()));
    }

    /**
     * A signed-in member of staff acknowledges, on the case's page, every chain of the case they were told about
     * that still waits for someone.
     *
     * @return whether any chain was waiting for them
     */
    @Transactional
    public boolean acknowledgeAs(UUID caseId, AuditTrail.Actor actor) {
        String personId = actor.personId();
        List<CaseTrack> tracks = CaseTrack.<CaseTrack>find("caseId = ?1 order by id", caseId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        EscalationCase escalationCase = EscalationCase.findById(caseId);
        boolean acknowledged = false;
        for (CaseTrack track : tracks) {
            Optional<CaseStep> theirs = CaseStep.notifiedOn(caseId, track.name).stream()
                    .filter(step -> step.personId.equals(personId)).reduce((first, later) -> later);
            if (theirs.isPresent() && isWaiting(track)) {
                acknowledge(new Link(escalationCase, track, theirs.get()), actor.clientAddress());
                acknowledged = true;
            }
        }
        return acknowledged;
    }

    /** Whether {@code personId} was told about a chain of the case that still waits for someone. */
    @Transactional
    public boolean canAcknowledge(UUID caseId, String personId) {
        return CaseTrack.forCase(caseId).stream().filter(Acknowledgements::isWaiting).anyMatch(track ->
                CaseStep.notifiedOn(caseId, track.name).stream().anyMatch(step -> step.personId.equals(personId)));
    }

    private static boolean isWaiting(CaseTrack track) {
        return track.state == TrackState.NOTIFIED || track.state == TrackState.OVERDUE;
    }

    private void acknowledge(Link link, String clientAddress) {
        CaseTrack track = link.track();
        if (!isWaiting(track)) {
            return;
        }
        Instant now = clock.instant();
        track.state = TrackState.ACKNOWLEDGED;
        track.acknowledgedBy = link.step().personId;
        track.acknowledgedAt = now;
        track.nextDueAt = null;
        TimelineEntry.record(link.escalationCase().id, now, "ACKNOWLEDGED",
                track.name + " step " + link.step().stepIndex + ": " + link.step().role + " " + link.step().personId);
        audit.record(new AuditTrail.Actor(link.step().personId, clientAddress), AuditEntry.Action.ACKNOWLEDGED,
                link.escalationCase().id, track.name);
        tellTheOthers(link, now);
        progress.update(link.escalationCase(), now);
        // From the submission, as the reporter and the policy count it, against each category's deadline.
        Timer.builder("escalation.acknowledgement.time").description("From a report's submission to the first acknowledgement of a chain")
                .tag("category", track.category).tag("chain", track.name).publishPercentileHistogram().register(meters)
                .record(Duration.between(link.escalationCase().submittedAt, now));
        LOG.infof("Case %s acknowledged by the %s (%s chain)", link.escalationCase().reference, link.step().role, track.name);
    }

    private void tellTheOthers(Link link, Instant now) {
        for (CaseStep other : CaseStep.notifiedOn(link.escalationCase().id, link.track().name)) {
            if (other.personId.equals(link.step().personId)) {
                continue;
            }
            Optional<Person> person = activePolicy.directory().byId(other.personId);
            if (person.isPresent()) {
                notifications.tellAcknowledged(new CaseNotifications.Addressee(link.escalationCase(), link.track(), other,
                        person.get()), link.step().role);
                TimelineEntry.record(link.escalationCase().id, now, "NOTIFIED",
                        link.track().name + ": " + other.personId + " told that the " + link.step().role + " has it");
            }
        }
    }

    private Optional<Link> resolve(String token, LockModeType lock) {
        return AcknowledgementToken.verify(token, config.acknowledgement().signingKeyBytes(), clock.instant())
                .flatMap(parsed -> Optional.ofNullable(CaseTrack.<CaseTrack>findById(parsed.trackId(), lock))
                        .flatMap(track -> CaseStep.notifiedOn(track.caseId, track.name).stream()
                                .filter(step -> step.stepIndex == parsed.step() && step.personId.equals(parsed.personId()))
                                .findFirst()
                                .map(step -> new Link(EscalationCase.findById(track.caseId), track, step))));
    }

    /** A verified link: the case, the track and the step it was sent for. */
    private record Link(EscalationCase escalationCase, CaseTrack track, CaseStep step) {

        Summary summary(RoutingPolicy policy) {
            CategoryRule rule = policy.ruleFor(track.category);
            boolean acknowledged = track.state == TrackState.ACKNOWLEDGED;
            String byRole = acknowledged
                    ? CaseStep.notifiedOn(track.caseId, track.name).stream()
                    .filter(s -> s.personId.equals(track.acknowledgedBy)).map(s -> s.role).findFirst().orElse("")
                    : null;
            return new Summary(escalationCase.reference, rule.label(), rule.urgency(), step.role, rule.recipientAction(),
                    policy.calendar().describe(step.dueAt), acknowledged, byRole, acknowledged && step.personId.equals(track.acknowledgedBy));
        }
    }
}
