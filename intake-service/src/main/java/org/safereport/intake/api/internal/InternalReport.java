package org.safereport.intake.api.internal;

import org.safereport.intake.conversation.ReportConversation;
import org.safereport.intake.domain.EvidenceType;
import org.safereport.intake.domain.MessageSender;
import org.safereport.intake.domain.Platform;
import org.safereport.intake.persistence.EvidenceSummary;
import org.safereport.intake.persistence.Report;
import org.safereport.intake.persistence.ReportContent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * A report as the reporter wrote it, for the staff workspace (through the escalation service, which decides
 * who may see it). Everything the reporter was asked, nothing of the report's status, which escalation owns.
 *
 * @param platform where it happened in words: the form's label, or the reporter's own words for "somewhere else"
 * @param reporter null when the report is anonymous (no contact details are kept then)
 * @param subject  null when the reporter named nobody
 * @param messages the conversation with the reporter, oldest first
 */
public record InternalReport(UUID reportId, String reference, String category, String categoryLabel,
                             Instant submittedAt, String description, LocalDate occurredOn, String occurredTime,
                             String platform, List<String> links, boolean youngPersonAtRisk, boolean anonymous,
                             Reporter reporter, Subject subject, List<EvidenceItem> evidence, List<Message> messages) {

    private static final DateTimeFormatter HOURS_AND_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    public record Reporter(String name, String email, String phone) {
    }

    public record Subject(String name, String email) {
    }

    /**
     * A message of the conversation with the reporter.
     *
     * @param staffPersonId who wrote it (a people-directory id) when staff did; null for the reporter's
     * @param staffRoleTitle the role the reporter was shown for it; null for the reporter's
     */
    public record Message(UUID id, MessageSender sender, String staffPersonId, String staffRoleTitle, Instant sentAt,
                          String text) {

        static Message of(ReportConversation.Message message) {
            return new Message(message.id(), message.sender(), message.staffPersonId(), message.staffRoleTitle(),
                    message.sentAt(), message.text());
        }
    }

    /**
     * @param position from 1, in the order the reporter attached them
     * @param fileName made here from the reference, never the name the file was sent with
     * @param image    true when the thumbnail endpoint makes a thumbnail of it
     */
    public record EvidenceItem(UUID id, int position, String mediaType, int sizeBytes, String fileName, boolean image) {

        static EvidenceItem of(String reference, EvidenceSummary summary) {
            EvidenceType type = EvidenceType.ofMediaType(summary.mediaType()).orElseThrow(() ->
                    new IllegalStateException("evidence " + summary.id() + " has a media type intake never stores"));
            int position = summary.position() + 1; // stored from 0
            return new EvidenceItem(summary.id(), position, summary.mediaType(), summary.sizeBytes(),
                    type.fileName(reference, position), type.imageFormat() != null);
        }
    }

    static InternalReport of(Report report, ReportContent content, List<EvidenceSummary> evidence,
                             List<ReportConversation.Message> messages) {
        return new InternalReport(report.id, report.reference, report.category, report.categoryLabel, report.submittedAt,
                content.description(), content.occurredOn(),
                content.occurredTime() == null ? null : HOURS_AND_MINUTES.format(content.occurredTime()),
                platform(content), content.links(), report.youngPersonAtRisk, report.anonymous,
                report.anonymous ? null : new Reporter(content.reporterName(), content.reporterEmail(), content.reporterPhone()),
                content.subjectName() == null && content.subjectEmail() == null ? null
                        : new Subject(content.subjectName(), content.subjectEmail()),
                evidence.stream().map(file -> EvidenceItem.of(report.reference, file)).toList(),
                messages.stream().map(Message::of).toList());
    }

    private static String platform(ReportContent content) {
        if (content.platform() == null) {
            return null;
        }
        return content.platform() == Platform.OTHER && content.platformOther() != null ? content.platformOther() : content.platform().label();
    }
}
