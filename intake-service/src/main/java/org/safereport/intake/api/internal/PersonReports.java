package org.safereport.intake.api.internal;

import org.safereport.intake.conversation.ReportConversation;
import org.safereport.intake.persistence.EvidenceSummary;
import org.safereport.intake.persistence.Report;
import org.safereport.intake.persistence.ReportContent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything intake holds about one person, for the Chief Executive's export of a person's data (through the
 * escalation service): each report they filed or are the subject of, as written, with what intake keeps of
 * its progress for the reporter's status page.
 */
public record PersonReports(List<Involved> reports) {

    /** Asked for in the body, so that the address is in no URL and no access log. */
    public record Lookup(String email) {
    }

    /** How the person is named in the report: {@code REPORTER}, {@code SUBJECT}, or both. */
    public enum Involvement { REPORTER, SUBJECT }

    public record Involved(List<Involvement> involvement, InternalReport report, Progress progress) {
    }

    /** What the reporter's status page shows, and whether they asked for a receipt by email. */
    public record Progress(String status, String withRoleTitle, Instant respondBy, Instant acknowledgedAt,
                           Instant closedAt, String outcome, boolean emailReceipt) {

        static Progress of(Report report) {
            return new Progress(report.status.name(), report.withRoleTitle, report.respondBy, report.acknowledgedAt,
                    report.closedAt, report.outcome, report.emailReceipt);
        }
    }

    /** The conversation with the reporter is theirs: it is in the reporter's export, never in a subject's. */
    static Involved of(String email, Report report, ReportContent content, List<EvidenceSummary> evidence,
                       List<ReportConversation.Message> messages) {
        List<Involvement> involvement = new ArrayList<>();
        if (sameAddress(email, content.reporterEmail())) {
            involvement.add(Involvement.REPORTER);
        }
        if (sameAddress(email, content.subjectEmail())) {
            involvement.add(Involvement.SUBJECT);
        }
        return new Involved(involvement, InternalReport.of(report, content, evidence,
                involvement.contains(Involvement.REPORTER) ? messages : List.of()), Progress.of(report));
    }

    private static boolean sameAddress(String email, String stored) {
        return stored != null && stored.trim().toLowerCase(Locale.ROOT).equals(email.trim().toLowerCase(Locale.ROOT));
    }
}
