package org.safereport.escalation.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.escalation.cases.CaseNotes;
import org.safereport.escalation.client.ReportContent;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.routing.RoutingPlan;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseQueries;
import org.safereport.escalation.persistence.CaseSealing;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cases as the staff pages show them to one person: in words (role names, people's names, states), with times
 * in that person's time zone and steps counted from 1.
 */
@ApplicationScoped
public class CaseViewsForPeople {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private final ActivePolicy activePolicy;
    private final CaseSealing sealing;
    private final Clock clock;

    CaseViewsForPeople(ActivePolicy activePolicy, CaseSealing sealing, Clock clock) {
        this.activePolicy = activePolicy;
        this.sealing = sealing;
        this.clock = clock;
    }

    /** A case in a list. */
    public record Row(String reference, String category, String state, boolean overdue, boolean closed, String reported,
                      String with, String respondBy) {
    }

    /** The case page: everything but the report itself, which comes from intake. */
    public record CasePage(String reference, String category, String urgency, String recipientAction, String state,
                           boolean overdue, boolean closed, String reported, String with, String respondBy,
                           String outcome, String closedLine, String reopenedLine, String purgedLine,
                           String legalHoldLine, String legalHoldReason, String internalNote,
                           String reporterWhen, List<Evidence> evidence, List<Chain> chains, List<Event> timeline) {
    }

    /** @param thumbnail the address of its thumbnail, or null for a file that is not an image */
    public record Evidence(String name, String kind, String size, String download, String thumbnail) {
    }

    public record Chain(String title, String state, String setAside, List<Step> steps) {
    }

    public record Step(int number, String role, String person, String told, String due, boolean current) {
    }

    public record Event(String when, String what, String sentence) {
    }

    /** A message of the conversation with the reporter, as staff read it. */
    public record Message(String from, String when, String text, boolean fromReporter) {
    }

    public record Note(String author, String when, String text) {
    }

    public record Audited(String when, String who, String what, String item, String address) {
    }

    List<Row> rows(List<CaseQueries.CaseRecord> records, Person viewer) {
        LocalTimes times = times(viewer);
        return records.stream().map(record -> {
            EscalationCase escalationCase = record.escalationCase();
            Optional<CaseTrack> chain = categoryChain(record);
            boolean waiting = chain.map(track -> track.state == TrackState.NOTIFIED || track.state == TrackState.OVERDUE).orElse(false);
            return new Row(escalationCase.reference, categoryLabel(escalationCase.routedCategory), CaseStates.label(escalationCase.state),
                    record.isOverdue(clock.instant()), escalationCase.state == CaseState.CLOSED, times.brief(escalationCase.submittedAt),
                    escalationCase.state == CaseState.CLOSED ? "" : currentRole(record, chain).orElse(""),
                    waiting ? times.describe(chain.get().nextDueAt) : "");
        }).toList();
    }

    List<StaffPages.Choice> categoryChoices() {
        return activePolicy.policy().categories().values().stream()
                .map(rule -> new StaffPages.Choice(rule.code(), rule.label())).toList();
    }

    CasePage casePage(CaseQueries.CaseHistory history, Person viewer, ReportContent report) {
        LocalTimes times = times(viewer);
        Directory directory = activePolicy.directory();
        CaseQueries.CaseRecord record = history.record();
        EscalationCase escalationCase = record.escalationCase();
        CategoryRule rule = activePolicy.policy().ruleFor(escalationCase.routedCategory);
        Optional<CaseTrack> chain = categoryChain(record);
        boolean waiting = chain.map(track -> track.state == TrackState.NOTIFIED || track.state == TrackState.OVERDUE).orElse(false);
        String base = "/cases/" + escalationCase.reference + "/evidence/";
        List<Evidence> evidence = report == null ? List.of() : report.evidence().stream().map(file -> new Evidence(
                file.fileName(), kind(file.mediaType()), size(file.sizeBytes()), base + file.id(),
                file.image() ? base + file.id() + "/thumbnail" : null)).toList();
        List<Chain> chains = record.tracks().stream().map(track -> new Chain(
                RoutingPlan.CATEGORY_TRACK.equals(track.name) ? "Chain for the category" : "Safeguarding chain (a young person may be at risk)",
                trackState(track, directory, times),
                track.setAsideAt == null ? null : "Set aside " + times.describe(track.setAsideAt)
                        + ": its deadline could not be fired, so nobody further is told until staff act on it.",
                record.steps().stream().filter(step -> step.track.equals(track.name)).map(step -> new Step(step.stepIndex + 1,
                        Role.valueOf(step.role).label(), name(directory, step.personId),
                        step.notifiedAt == null ? "Not yet" : times.brief(step.notifiedAt), times.brief(step.dueAt),
                        step.stepIndex == track.currentStep && track.state != TrackState.CLOSED)).toList())).toList();
        CaseSealing.Opened texts = sealing.open(escalationCase);
        TimelineSentences sentences = new TimelineSentences(directory);
        List<Event> timeline = history.timeline().stream()
                .map(entry -> new Event(times.brief(entry.at), sentences.what(entry), sentences.sentence(entry))).toList();
        return new CasePage(escalationCase.reference, rule.label(), rule.urgency(), rule.recipientAction(),
                CaseStates.label(escalationCase.state), record.isOverdue(clock.instant()), escalationCase.state == CaseState.CLOSED,
                times.describe(escalationCase.submittedAt), currentRole(record, chain).orElse(null),
                waiting ? times.describe(chain.get().nextDueAt) : null, escalationCase.outcome,
                escalationCase.closedAt == null ? null : "Closed by " + name(directory, escalationCase.closedBy) + ", " + times.describe(escalationCase.closedAt),
                escalationCase.reopenedAt == null ? null : "Reopened by " + name(directory, escalationCase.reopenedBy) + ", " + times.describe(escalationCase.reopenedAt),
                escalationCase.purgedAt == null ? null : "Purged " + times.describe(escalationCase.purgedAt)
                        + " at the end of its retention period: the report, its evidence and the notes are gone.",
                escalationCase.legalHoldSince == null ? null : "Placed by " + name(directory, escalationCase.legalHoldBy) + ", "
                        + times.describe(escalationCase.legalHoldSince),
                texts.legalHoldReason(), texts.internalNote(), report == null ? null : reporterWhen(report), evidence, chains, timeline);
    }

    List<Note> notes(List<CaseNotes.Note> notes, Person viewer) {
        LocalTimes times = times(viewer);
        Directory directory = activePolicy.directory();
        return notes.stream().map(note -> new Note(name(directory, note.authorId()), times.describe(note.writtenAt()), note.text())).toList();
    }

    /** The reporter's messages name nobody: the reporter may be anonymous, and a reply never says who wrote it. */
    List<Message> messages(List<ReportContent.Message> messages, Person viewer) {
        LocalTimes times = times(viewer);
        Directory directory = activePolicy.directory();
        return messages.stream().map(message -> new Message(message.fromReporter() ? "The reporter"
                        : name(directory, message.staffPersonId()) + ", as " + message.staffRoleTitle(),
                times.describe(message.sentAt()), message.text(), message.fromReporter())).toList();
    }

    List<Audited> audit(List<AuditEntry> entries, Person viewer) {
        LocalTimes times = times(viewer);
        Directory directory = activePolicy.directory();
        return entries.stream().map(entry -> new Audited(times.brief(entry.at), name(directory, entry.personId),
                auditAction(entry.action), entry.item == null ? "" : entry.item, entry.clientAddress == null ? "" : entry.clientAddress)).toList();
    }

    /** The viewer's own time zone when the directory gives one, else the policy's. */
    LocalTimes times(Person viewer) {
        ZoneId zone = viewer.timeZone() != null ? viewer.timeZone() : activePolicy.policy().calendar().zone();
        return new LocalTimes(zone, clock.instant());
    }

    private String trackState(CaseTrack track, Directory directory, LocalTimes times) {
        return switch (track.state) {
            case NOTIFIED -> "Waiting for someone to acknowledge";
            case OVERDUE -> "Overdue: the chain has run out, and its last person is reminded";
            case ACKNOWLEDGED -> "Acknowledged by " + name(directory, track.acknowledgedBy)
                    + (track.acknowledgedAt == null ? "" : ", " + times.describe(track.acknowledgedAt));
            case CLOSED -> "Closed";
        };
    }

    private String categoryLabel(String code) {
        return activePolicy.policy().category(code).map(CategoryRule::label).orElse(code);
    }

    private static Optional<CaseTrack> categoryChain(CaseQueries.CaseRecord record) {
        return record.tracks().stream().filter(track -> RoutingPlan.CATEGORY_TRACK.equals(track.name)).findFirst();
    }

    private static Optional<String> currentRole(CaseQueries.CaseRecord record, Optional<CaseTrack> chain) {
        return chain.flatMap(track -> record.steps().stream()
                .filter(step -> step.track.equals(track.name) && step.stepIndex == track.currentStep)
                .map(step -> Role.valueOf(step.role).label()).findFirst());
    }

    static String name(Directory directory, String personId) {
        return personId == null ? "" : directory.byId(personId).map(Person::name).orElse(personId);
    }

    /** When and where, as the reporter said. */
    private static String reporterWhen(ReportContent report) {
        String day = report.occurredOn() == null ? null
                : report.occurredOn().format(DAY);
        if (day == null) {
            return report.occurredTime() == null ? "Not given" : "At " + report.occurredTime();
        }
        return report.occurredTime() == null ? day : day + " at " + report.occurredTime();
    }

    private static String kind(String mediaType) {
        return switch (mediaType) {
            case "image/png" -> "PNG image";
            case "image/jpeg" -> "JPEG image";
            case "image/gif" -> "GIF image";
            case "image/webp" -> "WebP image";
            case "application/pdf" -> "PDF document";
            default -> mediaType;
        };
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        return bytes < 1024 * 1024 ? Math.round(bytes / 1024.0) + " KB" : String.format(Locale.UK, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String auditAction(AuditEntry.Action action) {
        String words = action.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
