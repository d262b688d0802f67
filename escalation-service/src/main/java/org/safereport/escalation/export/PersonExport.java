package org.safereport.escalation.export;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.escalation.audit.AddressDigests;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.client.IntakeReports;
import org.safereport.escalation.client.PersonReports;
import org.safereport.escalation.client.ReportContent;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.directory.EmailAddress;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseSealing;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.NotificationRecord;
import org.safereport.escalation.persistence.PersonQueries;
import org.safereport.escalation.persistence.RemovalRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Chief Executive's export of everything SafeReport holds about one person (a request under data protection
 * law): the reports intake holds that name them, the cases here that concern them, the removal requests that asked
 * them to remove a post (found by their directory id or by a keyed hash of their address), and what they read and did.
 * Cases about the Chief Executive stay hidden from them here as everywhere. The export is on the audit trail
 * before any of it is sent: one entry on each case it includes and one for the whole, with a keyed hash of the
 * address instead of the address.
 */
@ApplicationScoped
public class PersonExport {

    /** Read from notification-service's schema and README: it keeps no address once a message has gone. */
    static final String NOTIFICATION_SERVICE = "The notification service keeps a message's recipient address and number"
            + " only until the message is sent or given up (usually seconds), so that it can retry; after that it keeps"
            + " the case reference, channel, state, attempts and times, and no address. What was sent to this person"
            + " on a case, and how its delivery ended, is under \"notifications\" of each case.";
    static final String WITHHELD_BECAUSE = "Reports and cases about you are never shown to you; the Chair of Trustees"
            + " answers a request that includes them.";

    private final ActivePolicy activePolicy;
    private final IntakeReports intake;
    private final PersonQueries queries;
    private final CaseSealing sealing;
    private final AuditTrail audit;
    private final Clock clock;
    private final AddressDigests digests;

    PersonExport(ActivePolicy activePolicy, IntakeReports intake, PersonQueries queries, CaseSealing sealing, AuditTrail audit, Clock clock,
                 AddressDigests digests) {
        this.activePolicy = activePolicy;
        this.intake = intake;
        this.queries = queries;
        this.sealing = sealing;
        this.audit = audit;
        this.clock = clock;
        this.digests = digests;
    }

    /** An export ready to send: what it holds, and the evidence files to add, read from intake as they are written. */
    public record Prepared(PersonData data, List<EvidenceToAdd> evidence) {
    }

    public record EvidenceToAdd(UUID reportId, ReportContent.EvidenceFile file) {
    }

    /**
     * Gathers everything held about {@code email} that {@code viewer} may see, and records the export on the
     * audit trail.
     *
     * @throws IntakeReports.Unavailable when intake cannot be asked: then nothing is exported or recorded
     */
    public Prepared prepare(Person viewer, AuditTrail.Actor actor, String email) throws IntakeReports.Unavailable {
        String address = EmailAddress.normalise(email);
        Optional<Person> person = activePolicy.directory().byEmail(address);
        String viewerAddress = EmailAddress.normalise(viewer.email());
        List<PersonReports.Involved> found = intake.personReports(address).reports();
        Predicate<PersonReports.Involved> aboutViewer = involved -> involved.report().subject() != null
                && involved.report().subject().email() != null
                && EmailAddress.normalise(involved.report().subject().email()).equals(viewerAddress);
        Set<UUID> hiddenReports = found.stream().filter(aboutViewer).map(involved -> involved.report().reportId()).collect(Collectors.toSet());
        Map<UUID, List<String>> involvementByReport = found.stream()
                .collect(Collectors.toMap(involved -> involved.report().reportId(), PersonReports.Involved::involvement));

        PersonQueries.Held held = queries.concerning(involvementByReport.keySet(), person.map(Person::id), digests.of(address));
        Predicate<EscalationCase> hidden = escalationCase -> viewer.id().equals(escalationCase.subjectPersonId)
                || hiddenReports.contains(escalationCase.reportId);
        List<PersonData.HeldCase> cases = new ArrayList<>();
        List<UUID> includedCaseIds = new ArrayList<>();
        Set<UUID> hiddenCases = new HashSet<>();
        for (PersonQueries.CaseRows rows : held.cases()) {
            if (hidden.test(rows.escalationCase())) {
                hiddenCases.add(rows.escalationCase().id);
                continue;
            }
            cases.add(heldCase(rows, involvementByReport.getOrDefault(rows.escalationCase().reportId, List.of()), person.map(Person::id)));
            includedCaseIds.add(rows.escalationCase().id);
        }
        List<PersonData.RemovalAsked> removals = new ArrayList<>();
        for (PersonQueries.AskedToRemove asked : held.removals()) {
            if (hidden.test(asked.escalationCase())) {
                hiddenCases.add(asked.escalationCase().id);
            } else {
                removals.add(removalAsked(asked));
                if (!includedCaseIds.contains(asked.escalationCase().id)) {
                    includedCaseIds.add(asked.escalationCase().id);
                }
            }
        }
        List<PersonReports.Involved> shown = found.stream().filter(aboutViewer.negate()).toList();
        List<PersonData.HeldReport> reports = shown.stream()
                .map(involved -> new PersonData.HeldReport(involved.involvement(), involved.report(), involved.progress(),
                        filedBy(involved))).toList();
        List<EvidenceToAdd> evidence = shown.stream().filter(PersonExport::filedBy)
                .flatMap(involved -> involved.report().evidence().stream().map(file -> new EvidenceToAdd(involved.report().reportId(), file)))
                .toList();

        UUID exportId = UUID.randomUUID();
        PersonData data = new PersonData(new PersonData.Export(exportId, clock.instant(), viewer.id(), address),
                person.map(PersonExport::directoryEntry).orElse(null), reports, cases, removals, actions(held), NOTIFICATION_SERVICE,
                hiddenCases.size() + hiddenReports.size() == 0 ? null
                        : new PersonData.Withheld(hiddenCases.size(), hiddenReports.size(), WITHHELD_BECAUSE));
        audit.recordExport(actor, exportId, digest(address), data.summary(evidence.size()), includedCaseIds);
        return new Prepared(data, evidence);
    }

    /** The keyed hash the audit trail keeps of an export's address ({@link AddressDigests}): recomputed to show whom an export was for. */
    public String digest(String email) {
        return digests.hex(email);
    }

    private static boolean filedBy(PersonReports.Involved involved) {
        return involved.involvement().contains(Involvement.REPORTER.name());
    }

    private PersonData.HeldCase heldCase(PersonQueries.CaseRows rows, List<String> fromIntake, Optional<String> personId) {
        var escalationCase = rows.escalationCase();
        Set<Involvement> involvement = EnumSet.noneOf(Involvement.class);
        fromIntake.forEach(name -> involvement.add(Involvement.valueOf(name)));
        String id = personId.orElse(null);
        List<CaseStep> told = rows.steps().stream().filter(step -> step.personId.equals(id) && step.notifiedAt != null).toList();
        List<CaseTrack> acknowledged = rows.tracks().stream().filter(track -> Objects.equals(track.acknowledgedBy, id)).toList();
        List<NotificationRecord> notifications = rows.notifications().stream().filter(request -> request.personId.equals(id)).toList();
        if (id != null) {
            addIf(involvement, Involvement.SUBJECT, id.equals(escalationCase.subjectPersonId));
            addIf(involvement, Involvement.REPORTER, id.equals(escalationCase.reporterPersonId));
            addIf(involvement, Involvement.TOLD, !told.isEmpty() || !notifications.isEmpty());
            addIf(involvement, Involvement.ACKNOWLEDGED, !acknowledged.isEmpty());
            addIf(involvement, Involvement.WROTE_NOTE, rows.notes().stream().anyMatch(note -> note.authorId.equals(id)));
            addIf(involvement, Involvement.CLOSED, id.equals(escalationCase.closedBy));
            addIf(involvement, Involvement.REOPENED, id.equals(escalationCase.reopenedBy));
        }
        boolean whole = involvement.stream().anyMatch(Involvement::wholeCase);
        CaseSealing.Opened texts = sealing.open(escalationCase);
        Pattern namesThem = id == null ? null : Pattern.compile("(?<![\\w-])" + Pattern.quote(id) + "(?![\\w-])");
        return new PersonData.HeldCase(escalationCase.reference, escalationCase.routedCategory, escalationCase.state.name(),
                escalationCase.submittedAt, escalationCase.openedAt, escalationCase.closedAt,
                whole ? escalationCase.outcome : null, whole ? texts.internalNote() : null, List.copyOf(involvement),
                told.stream().map(step -> new PersonData.Told(step.track, step.stepIndex, step.role, step.channels, step.notifiedAt, step.dueAt)).toList(),
                acknowledged.stream().map(track -> new PersonData.Acknowledged(track.name, track.acknowledgedAt)).toList(),
                rows.notes().stream().filter(note -> whole || note.authorId.equals(id))
                        .map(note -> new PersonData.Note(note.authorId, note.writtenAt, texts.text(note))).toList(),
                rows.timeline().stream().filter(entry -> whole || (namesThem != null && namesThem.matcher(entry.detail).find()))
                        .map(entry -> new PersonData.Event(entry.at, entry.kind, entry.detail)).toList(),
                notifications.stream().map(request -> new PersonData.Notification(request.requestedAt, request.template, request.channels,
                        rows.outcomes().getOrDefault(request.requestId, List.of()).stream()
                                .map(outcome -> new PersonData.Delivery(outcome.key.channel(), outcome.outcome, outcome.attempts,
                                        outcome.reportedAt, outcome.reason)).toList())).toList());
    }

    /** What the request asked of them, its texts opened. */
    private PersonData.RemovalAsked removalAsked(PersonQueries.AskedToRemove asked) {
        RemovalRequest request = asked.request();
        CaseSealing.Opened texts = sealing.open(asked.escalationCase());
        return new PersonData.RemovalAsked(asked.escalationCase().reference, request.number,
                texts.text(request.sealedPlatform, CaseSealing.Text.REMOVAL_PLATFORM),
                texts.text(request.sealedLocation, CaseSealing.Text.REMOVAL_LOCATION), request.requestedAt, request.dueAt,
                request.remindedAt, request.state.name(), request.answeredAt,
                texts.text(request.sealedRefusalReason, CaseSealing.Text.REMOVAL_REFUSAL_REASON), request.confirmedAt);
    }

    private static List<PersonData.Action> actions(PersonQueries.Held held) {
        return held.actions().stream().map((AuditEntry entry) -> new PersonData.Action(entry.at, entry.action.name(),
                entry.caseId == null ? null : held.referencesOfActions().get(entry.caseId), entry.item, entry.clientAddress)).toList();
    }

    private static PersonData.DirectoryEntry directoryEntry(Person person) {
        return new PersonData.DirectoryEntry(person.id(), person.name(), person.email(), person.mobile(),
                person.roles().stream().map(Enum::name).sorted().toList(), person.lineManagerId());
    }

    private static <T> void addIf(Set<T> set, T value, boolean condition) {
        if (condition) {
            set.add(value);
        }
    }
}
