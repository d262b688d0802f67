package org.safereport.escalation.removal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.audit.AddressDigests;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.RemovalScreenshot;
import org.safereport.escalation.domain.RemovalState;
import org.safereport.escalation.domain.RemovalToken;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseSealing;
import org.safereport.escalation.persistence.DisciplinaryReferral;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.RemovalEvidence;
import org.safereport.escalation.persistence.RemovalRequest;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.events.notification.Template;
import org.safereport.files.FileType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Removal requests (issue 14): on a case, staff ask someone to remove a post by a deadline on the wall clock; the
 * person asked answers through the signed link in their email, "removed" or "cannot or will not, because ...".
 * "Removed" waits for a member of staff to check and confirm it, with a screenshot as evidence if they take one; a
 * refusal opens a disciplinary referral. The reminder and the deadline are {@link RemovalDeadlines}'. Every step is
 * on the case's timeline and in its audit.
 */
@ApplicationScoped
public class RemovalRequests {

    /** Reminded when this share of the time has gone without an answer. */
    static final double REMIND_AT = 0.75;

    private static final Logger LOG = Logger.getLogger(RemovalRequests.class);

    private final CaseSealing sealing;
    private final RemovalMessages messages;
    private final DisciplinaryReferrals referrals;
    private final AuditTrail audit;
    private final AddressDigests digests;
    private final ActivePolicy activePolicy;
    private final EscalationConfig config;
    private final Clock clock;

    RemovalRequests(CaseSealing sealing, RemovalMessages messages, DisciplinaryReferrals referrals, AuditTrail audit,
                    AddressDigests digests, ActivePolicy activePolicy, EscalationConfig config, Clock clock) {
        this.sealing = sealing;
        this.messages = messages;
        this.referrals = referrals;
        this.audit = audit;
        this.digests = digests;
        this.activePolicy = activePolicy;
        this.config = config;
        this.clock = clock;
    }

    /**
     * What staff record.
     *
     * @param ownerPersonId whose post it is, when they are in the directory
     * @param ownerName whose post it is, in words, when they are not; both null when nobody knows
     * @param askedPersonId who is asked to remove it, when they are in the directory
     * @param askedEmail otherwise, the address of the person outside who is asked
     */
    public record Draft(String platform, String location, String ownerPersonId, String ownerName, String askedPersonId,
                        String askedEmail, Instant dueAt) {
    }

    /** A request as staff see it, its texts opened. */
    public record Shown(UUID id, int number, String platform, String location, String ownerPersonId, String ownerName,
                        String askedPersonId, String askedEmail, String requestedBy, Instant requestedAt, Instant dueAt,
                        RemovalState state, Instant answeredAt, String refusalReason, String confirmedBy, Instant confirmedAt,
                        Referral referral, RemovalEvidence.Attached evidence) {
    }

    /** A disciplinary referral opened on a request. */
    public record Referral(DisciplinaryReferral.Reason reason, String referredTo, String referredToRole, Instant openedAt) {
    }

    /**
     * A request as the person asked sees it through their link.
     *
     * @param answerable whether it still takes an answer: not answered yet, and before its deadline
     */
    public record ForAnswer(String reference, String platform, String location, Instant dueAt, RemovalState state,
                            boolean answerable) {
    }

    /** How long a request on a case of {@code category} has, unless staff say otherwise. */
    public Duration defaultDeadline(String category) {
        return activePolicy.policy().ruleFor(category).removalDeadline();
    }

    /** @return the request's number on the case, or empty when the case has been purged: nothing more is written about it */
    @Transactional
    public Optional<Integer> record(UUID caseId, AuditTrail.Actor actor, Draft draft) {
        // Locked: the case's data key is made at most once, and numbers are given one at a time.
        EscalationCase escalationCase = EscalationCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (escalationCase.purgedAt != null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        RemovalRequest request = new RemovalRequest();
        request.id = UUID.randomUUID();
        request.caseId = caseId;
        request.number = (int) RemovalRequest.count("caseId", caseId) + 1;
        request.requestedBy = actor.personId();
        request.requestedAt = now;
        request.sealedPlatform = sealing.seal(escalationCase, CaseSealing.Text.REMOVAL_PLATFORM, draft.platform());
        request.sealedLocation = sealing.seal(escalationCase, CaseSealing.Text.REMOVAL_LOCATION, draft.location());
        request.ownerPersonId = draft.ownerPersonId();
        request.sealedOwnerName = sealing.seal(escalationCase, CaseSealing.Text.REMOVAL_OWNER_NAME, draft.ownerName());
        request.askedPersonId = draft.askedPersonId();
        request.sealedAskedEmail = sealing.seal(escalationCase, CaseSealing.Text.REMOVAL_ASKED_EMAIL, draft.askedEmail());
        request.askedEmailDigest = draft.askedEmail() == null ? null : digests.of(draft.askedEmail());
        request.dueAt = draft.dueAt();
        long remindAfter = (long) (Duration.between(now, draft.dueAt()).toSeconds() * REMIND_AT);
        request.remindAt = now.plusSeconds(remindAfter);
        request.nextDueAt = request.remindAt;
        request.state = RemovalState.REQUESTED;
        request.persist();
        messages.ask(Template.REMOVAL_REQUEST, escalationCase, request);
        TimelineEntry.record(caseId, now, "REMOVAL_REQUESTED", RemovalMessages.named(request) + ": " + actor.personId()
                + " asked " + RemovalMessages.asked(request) + " to remove a post by "
                + activePolicy.policy().calendar().describe(request.dueAt) + " (" + Template.REMOVAL_REQUEST.wireName() + " by EMAIL)");
        audit.record(actor, AuditEntry.Action.REQUESTED_REMOVAL, caseId, request.id.toString());
        LOG.infof("Case %s: removal request %d recorded, due %s", escalationCase.reference, request.number, request.dueAt);
        return Optional.of(request.number);
    }

    @Transactional
    public List<Shown> of(UUID caseId) {
        CaseSealing.Opened texts = sealing.open(EscalationCase.findById(caseId));
        Map<UUID, RemovalEvidence.Attached> evidence = RemovalEvidence.attachedOnCase(caseId);
        Map<UUID, Referral> referrals = DisciplinaryReferral.forCase(caseId).stream()
                .collect(Collectors.toMap(referral -> referral.removalRequestId, referral -> new Referral(referral.reason,
                        referral.referredTo, referral.referredToRole, referral.openedAt)));
        return RemovalRequest.forCase(caseId).stream().map(request -> new Shown(request.id, request.number,
                texts.text(request.sealedPlatform, CaseSealing.Text.REMOVAL_PLATFORM),
                texts.text(request.sealedLocation, CaseSealing.Text.REMOVAL_LOCATION), request.ownerPersonId,
                texts.text(request.sealedOwnerName, CaseSealing.Text.REMOVAL_OWNER_NAME), request.askedPersonId,
                texts.text(request.sealedAskedEmail, CaseSealing.Text.REMOVAL_ASKED_EMAIL), request.requestedBy,
                request.requestedAt, request.dueAt, request.state, request.answeredAt,
                texts.text(request.sealedRefusalReason, CaseSealing.Text.REMOVAL_REFUSAL_REASON), request.confirmedBy,
                request.confirmedAt, referrals.get(request.id), evidence.get(request.id))).toList();
    }

    /** What the link shows; empty for a link that is not valid, or whose request is gone with its case. */
    @Transactional
    public Optional<ForAnswer> forAnswer(String token) {
        return requestOf(token).map(request -> forAnswer(EscalationCase.findById(request.caseId), request));
    }

    /** "I have removed it": staff are then to check it. A request already answered, or past its deadline, keeps its state. */
    @Transactional
    public Optional<ForAnswer> answerRemoved(String token, String clientAddress) {
        return answer(token, clientAddress, RemovalState.REMOVED, (escalationCase, request) -> {
            TimelineEntry.record(escalationCase.id, request.answeredAt, "REMOVAL_ANSWERED", RemovalMessages.named(request) + ": "
                    + RemovalMessages.asked(request) + " says the post is removed; staff are to check it");
        });
    }

    /** "I cannot or will not remove it, because ...": a disciplinary referral is opened. */
    @Transactional
    public Optional<ForAnswer> answerRefused(String token, String reason, String clientAddress) {
        return answer(token, clientAddress, RemovalState.REFUSED, (escalationCase, request) -> {
            request.sealedRefusalReason = sealing.seal(escalationCase, CaseSealing.Text.REMOVAL_REFUSAL_REASON, reason);
            TimelineEntry.record(escalationCase.id, request.answeredAt, "REMOVAL_ANSWERED", RemovalMessages.named(request) + ": "
                    + RemovalMessages.asked(request) + " cannot or will not remove the post (their reason is on the request)");
            referrals.open(escalationCase, request, DisciplinaryReferral.Reason.REFUSED, request.answeredAt);
        });
    }

    /**
     * A member of staff checked that a post said to be removed is gone, with a screenshot as evidence if they took one.
     *
     * @return whether the request was waiting for that
     */
    @Transactional
    public boolean confirmRemoved(UUID caseId, int number, AuditTrail.Actor actor, Optional<RemovalScreenshot> screenshot) {
        // Locked: the case's data key, which seals the screenshot, is made at most once.
        EscalationCase escalationCase = EscalationCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        Optional<RemovalRequest> found = RemovalRequest.<RemovalRequest>find("caseId = ?1 and number = ?2", caseId, number)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (found.isEmpty() || found.get().state != RemovalState.REMOVED) {
            return false;
        }
        RemovalRequest request = found.get();
        Instant now = clock.instant();
        request.state = RemovalState.CONFIRMED;
        request.confirmedBy = actor.personId();
        request.confirmedAt = now;
        TimelineEntry.record(caseId, now, "REMOVAL_CONFIRMED", RemovalMessages.named(request) + ": " + actor.personId()
                + " checked that the post is gone" + (screenshot.isPresent() ? ", with a screenshot as evidence" : ""));
        audit.record(actor, AuditEntry.Action.CONFIRMED_REMOVAL, caseId, request.id.toString());
        screenshot.ifPresent(attached -> {
            RemovalEvidence evidence = new RemovalEvidence();
            evidence.removalRequestId = request.id;
            evidence.caseId = caseId;
            evidence.mediaType = attached.type().mediaType();
            evidence.sizeBytes = attached.content().length;
            evidence.sealedContent = sealing.seal(escalationCase, CaseSealing.Text.REMOVAL_EVIDENCE, attached.content());
            evidence.attachedBy = actor.personId();
            evidence.attachedAt = now;
            evidence.persist();
            audit.record(actor, AuditEntry.Action.ATTACHED_REMOVAL_EVIDENCE, caseId, request.id.toString());
        });
        return true;
    }

    /** The screenshot confirming request {@code number} of the case, opened; recorded on the audit trail as a download. */
    @Transactional
    public Optional<RemovalScreenshot> screenshot(UUID caseId, int number, AuditTrail.Actor actor) {
        EscalationCase escalationCase = EscalationCase.findById(caseId);
        Optional<RemovalRequest> request = RemovalRequest.<RemovalRequest>find("caseId = ?1 and number = ?2", caseId, number)
                .firstResultOptional();
        Optional<RemovalEvidence> evidence = request.map(found -> RemovalEvidence.<RemovalEvidence>findById(found.id));
        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        audit.record(actor, AuditEntry.Action.DOWNLOADED_REMOVAL_EVIDENCE, caseId, request.get().id.toString());
        byte[] content = sealing.open(escalationCase).file(evidence.get().sealedContent, CaseSealing.Text.REMOVAL_EVIDENCE);
        return Optional.of(new RemovalScreenshot(FileType.ofMediaType(evidence.get().mediaType).orElseThrow(), content));
    }

    /** What else an answer does, once it is recorded on the request, in the same transaction. */
    private interface Answer {
        void apply(EscalationCase escalationCase, RemovalRequest request);
    }

    private Optional<ForAnswer> answer(String token, String clientAddress, RemovalState answered, Answer answer) {
        Optional<RemovalRequest> unlocked = requestOf(token);
        if (unlocked.isEmpty()) {
            return Optional.empty();
        }
        // The case before the request, as the purge and staff lock them; the deadline engine waits for neither.
        EscalationCase escalationCase = EscalationCase.findById(unlocked.get().caseId, LockModeType.PESSIMISTIC_WRITE);
        RemovalRequest request = RemovalRequest.findById(unlocked.get().id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (answerable(request)) {
            request.state = answered;
            request.answeredAt = now;
            request.nextDueAt = null;
            audit.record(new AuditTrail.Actor(request.askedPersonId != null ? request.askedPersonId : "outside", clientAddress),
                    AuditEntry.Action.ANSWERED_REMOVAL, escalationCase.id, request.id + " " + answered);
            answer.apply(escalationCase, request);
            LOG.infof("Case %s: removal request %d answered: %s", escalationCase.reference, request.number, request.state);
        }
        return Optional.of(forAnswer(escalationCase, request));
    }

    private Optional<RemovalRequest> requestOf(String token) {
        return RemovalToken.verify(token, config.acknowledgement().signingKeyBytes(), clock.instant())
                .flatMap(parsed -> Optional.ofNullable(RemovalRequest.<RemovalRequest>findById(parsed.requestId())));
    }

    private ForAnswer forAnswer(EscalationCase escalationCase, RemovalRequest request) {
        CaseSealing.Opened texts = sealing.open(escalationCase);
        return new ForAnswer(escalationCase.reference, texts.text(request.sealedPlatform, CaseSealing.Text.REMOVAL_PLATFORM),
                texts.text(request.sealedLocation, CaseSealing.Text.REMOVAL_LOCATION), request.dueAt, request.state,
                answerable(request));
    }

    /** An answer counts until the deadline; from then on the deadline has fired, or is about to. */
    private boolean answerable(RemovalRequest request) {
        return request.state.waitsForAnswer() && clock.instant().isBefore(request.dueAt);
    }
}
