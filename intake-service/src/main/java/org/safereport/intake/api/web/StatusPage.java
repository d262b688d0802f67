package org.safereport.intake.api.web;

import org.safereport.intake.api.ReportStatusView;

import java.util.List;
import java.util.UUID;

/**
 * A report's status with its dates in the policy's time zone, as people read them, and its conversation.
 *
 * @param anonymous whether the report was made anonymously: the reply form says that a reply stays so
 * @param receiptCode as the reporter typed it, posted back with a reply: the page has no session
 * @param replyError what is wrong with the reply, to show beside the field; null when nothing is
 * @param reply the reply as typed, shown again with its error
 * @param replySent whether the page answers a reply that was just sent
 * @param replyId the id a reply posted from this page will have, so that posting it twice keeps it once
 */
public record StatusPage(ReportStatusView report, String submittedAt, String respondBy, String acknowledgedAt,
                         String closedAt, boolean anonymous, List<Message> messages, String receiptCode,
                         String replyError, String reply, boolean replySent, UUID replyId) {

    /** A message of the conversation as the reporter reads it: from a role or from themselves, never a name. */
    public record Message(boolean fromStaff, String from, String sentAt, String text) {
    }

    public String state() {
        return switch (report.status()) {
            case RECEIVED -> "Received";
            case WITH_ROLE -> "With " + report.withRole();
            case ACKNOWLEDGED -> "Acknowledged";
            case CLOSED -> "Closed";
        };
    }
}
