package org.safereport.escalation.export;

import org.safereport.escalation.client.PersonReports;
import org.safereport.escalation.client.ReportContent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything SafeReport holds about one person, as {@code person.json} of their export and the source of its
 * readable page. Times are UTC instants; ids are the people directory's.
 *
 * @param directoryEntry null when the address is nobody's in the people directory
 * @param withheld null when nothing was left out
 */
public record PersonData(Export export, DirectoryEntry directoryEntry, List<HeldReport> reports, List<HeldCase> cases,
                         List<RemovalAsked> removalRequests, List<Action> actions, String notificationService, Withheld withheld) {

    /** Which export this is: its id is on the audit trail. */
    public record Export(UUID id, Instant madeAt, String madeBy, String email) {
    }

    public record DirectoryEntry(String id, String name, String email, String mobile, List<String> roles,
                                 String lineManagerId) {
    }

    /**
     * A report intake holds that names the person.
     *
     * @param evidenceIncluded the evidence files are in the export's {@code evidence/} folder, by their file
     *                         names: only for a report the person filed
     */
    public record HeldReport(List<String> involvement, ReportContent report, PersonReports.Progress progress,
                             boolean evidenceIncluded) {
    }

    /**
     * A case that concerns the person. For a case they reported or are the subject of, everything of the case;
     * for any other, only their part in it.
     */
    public record HeldCase(String reference, String category, String state, Instant submittedAt, Instant openedAt,
                           Instant closedAt, String outcome, String internalNote, List<Involvement> involvement,
                           List<Told> told, List<Acknowledged> acknowledged, List<Note> notes, List<Event> timeline,
                           List<Notification> notifications) {
    }

    /**
     * A request to the person to remove a post (issue 14): what and where, by when, and how it stands.
     *
     * @param state REQUESTED, REMOVED (they said so), CONFIRMED (staff checked), REFUSED or NOT_REMOVED (no answer in time)
     * @param refusalReason their reason, when they refused
     */
    public record RemovalAsked(String caseReference, int number, String platform, String location, Instant requestedAt,
                               Instant dueAt, Instant remindedAt, String state, Instant answeredAt, String refusalReason,
                               Instant confirmedAt) {
    }

    public record Told(String track, int step, String role, String channels, Instant notifiedAt, Instant dueAt) {
    }

    public record Acknowledged(String track, Instant at) {
    }

    public record Note(String authorId, Instant writtenAt, String text) {
    }

    public record Event(Instant at, String kind, String detail) {
    }

    /** A message the escalation service asked the notification service to send to the person. */
    public record Notification(Instant requestedAt, String template, String channels, List<Delivery> deliveries) {
    }

    /** @param reason why it failed, without addresses (the notification service redacts them) */
    public record Delivery(String channel, String outcome, int attempts, Instant reportedAt, String reason) {
    }

    /** Something the person read or did in the staff workspace, from the audit trail. */
    public record Action(Instant at, String action, String caseReference, String item, String clientAddress) {
    }

    /** What the export leaves out, and why. */
    public record Withheld(int cases, int reports, String why) {
    }

    /** Counted for the audit trail: how much the export held, naming nobody. */
    String summary(int evidenceFiles) {
        return reports.size() + " reports, " + cases.size() + " cases, " + evidenceFiles + " evidence files, "
                + actions.size() + " actions" + (withheld == null ? "" : ", " + (withheld.cases() + withheld.reports()) + " withheld");
    }
}
