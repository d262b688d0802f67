package org.safereport.intake.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.events.ReportReplyReceivedV1;
import org.safereport.events.notification.Channel;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.Template;
import org.safereport.events.notification.TemplateData;
import org.safereport.intake.config.IntakeConfig;
import org.safereport.intake.domain.MessageSender;
import org.safereport.intake.persistence.Report;
import org.safereport.intake.persistence.ReportMessage;
import org.safereport.intake.persistence.ReportSealing;
import org.safereport.messaging.outbox.Outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversation between staff and the reporter, kept with the report. A message from staff waits on the
 * status page, and the reporter is emailed that it waits (never its words) when they asked for emails about
 * the report; a reply tells the escalation service that one came ({@code report.reply-received}, without its
 * words and without anything of who wrote it). Each message is stored with its event in one transaction.
 */
@ApplicationScoped
public class ReportConversation {

    /** The longest message either side may send, in characters. */
    public static final int MAX_LENGTH = 5_000;

    private static final Logger LOG = Logger.getLogger(ReportConversation.class);

    /** A message as its readers see it; {@code staffPersonId} and {@code staffRoleTitle} are null for the reporter's. */
    public record Message(UUID id, MessageSender sender, String staffPersonId, String staffRoleTitle, Instant sentAt,
                          String text) {
    }

    private final EntityManager entityManager;
    private final ReportSealing sealing;
    private final Outbox outbox;
    private final IntakeConfig config;
    private final Clock clock;

    ReportConversation(EntityManager entityManager, ReportSealing sealing, Outbox outbox, IntakeConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.sealing = sealing;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param staffRoleTitle the sender's role as the reporter reads it, e.g. "the Designated Safeguarding Lead"
     * @return the message's id; empty when there is no such report or it has been purged
     */
    @Transactional
    public Optional<UUID> fromStaff(UUID reportId, String staffPersonId, String staffRoleTitle, String text) {
        Optional<Report> report = lockedUnpurged(reportId);
        if (report.isEmpty()) {
            return Optional.empty();
        }
        ReportMessage message = store(report.get(), UUID.randomUUID(), MessageSender.STAFF, staffPersonId, staffRoleTitle, text);
        if (report.get().emailReceipt) {
            outbox.add(reportId.toString(), messageWaiting(report.get(), message));
        }
        LOG.infof("Report %s: a message from staff for the reporter", report.get().reference);
        return Optional.of(message.id);
    }

    /**
     * @param replyId the id the reply form was drawn with: the same reply posted again is kept once
     * @return the reply's id; empty when the report has been purged since it was looked up
     */
    @Transactional
    public Optional<UUID> fromReporter(UUID reportId, UUID replyId, String text) {
        Optional<Report> report = lockedUnpurged(reportId);
        if (report.isEmpty()) {
            return Optional.empty();
        }
        ReportMessage sent = ReportMessage.findById(replyId);
        if (sent != null && sent.reportId.equals(reportId) && sent.sender == MessageSender.REPORTER) {
            // The same reply posted again (the page reloaded, or sent twice on a slow connection): kept once.
            return Optional.of(sent.id);
        }
        ReportMessage message = store(report.get(), sent == null ? replyId : UUID.randomUUID(), MessageSender.REPORTER, null, null, text);
        outbox.add(reportId.toString(), ReportReplyReceivedV1.of(message.sentAt, reportId, report.get().reference, message.id));
        LOG.infof("Report %s: the reporter replied", report.get().reference);
        return Optional.of(message.id);
    }

    /** The report's conversation, oldest first; empty for a purged report. */
    @Transactional
    public List<Message> thread(Report report) {
        if (report.dataKey == null) {
            return List.of();
        }
        return ReportMessage.thread(report.id).stream().map(message -> new Message(message.id, message.sender,
                message.staffPersonId, message.staffRoleTitle, message.sentAt, sealing.openMessage(report, message))).toList();
    }

    /** Locked, so that a message and the purge that deletes the report's messages do not cross. */
    private Optional<Report> lockedUnpurged(UUID reportId) {
        return Optional.ofNullable(entityManager.find(Report.class, reportId, LockModeType.PESSIMISTIC_WRITE))
                .filter(report -> report.purgedAt == null);
    }

    private ReportMessage store(Report report, UUID id, MessageSender sender, String staffPersonId, String staffRoleTitle, String text) {
        ReportMessage message = new ReportMessage();
        message.id = id;
        message.reportId = report.id;
        message.sender = sender;
        message.staffPersonId = staffPersonId;
        message.staffRoleTitle = staffRoleTitle;
        message.sentAt = clock.instant();
        message.sealedText = sealing.sealMessage(report, message.id, text);
        message.persist();
        return message;
    }

    /**
     * To the address the reporter asked to be emailed at about this report (an anonymous report has none),
     * one per message however often the request is published.
     */
    private NotificationRequestedV1 messageWaiting(Report report, ReportMessage message) {
        UUID requestId = UUID.nameUUIDFromBytes(("message-waiting:" + message.id).getBytes(StandardCharsets.UTF_8));
        return NotificationRequestedV1.of(message.sentAt, requestId, report.reference,
                new NotificationRequestedV1.Recipient(null, null, sealing.open(report).reporterEmail(), null),
                List.of(Channel.EMAIL), Template.MESSAGE_WAITING, new TemplateData.MessageWaiting(config.statusPage(report.reference)),
                null, NotificationRequestedV1.Priority.NORMAL);
    }
}
