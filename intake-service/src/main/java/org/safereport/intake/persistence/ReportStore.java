package org.safereport.intake.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.safereport.intake.api.ReportSubmission;
import org.safereport.intake.domain.Reference;
import org.safereport.intake.domain.ReportStatus;
import org.safereport.intake.messaging.ReportSubmittedV1;
import org.safereport.messaging.outbox.Outbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** Stores an accepted report and its {@code report.submitted} event in one transaction. */
@ApplicationScoped
public class ReportStore {

    private final Outbox outbox;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ReportStore(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Report store(ReportSubmission submission) {
        Report report = new Report();
        report.id = UUID.randomUUID();
        report.reference = unusedReference();
        report.category = submission.category();
        report.description = submission.description();
        if (submission.reporter() != null) {
            report.reporterName = submission.reporter().name();
            report.reporterEmail = submission.reporter().email();
            report.reporterPhone = submission.reporter().phone();
        }
        if (submission.subject() != null) {
            report.subjectName = submission.subject().name();
            report.subjectEmail = submission.subject().email();
        }
        report.youngPersonAtRisk = submission.atRisk();
        report.status = ReportStatus.RECEIVED;
        report.submittedAt = clock.instant();
        report.persist();

        ReportSubmittedV1 event = ReportSubmittedV1.of(report.id, report.reference, report.category,
                report.youngPersonAtRisk, report.reporterEmail, report.subjectEmail, report.submittedAt);
        outbox.add(ReportSubmittedV1.TOPIC, report.id.toString(), event.eventId(), ReportSubmittedV1.TYPE, event);
        return report;
    }

    /** 40 random bits make a clash rare; checking first keeps it from ever failing a report. */
    private String unusedReference() {
        String reference;
        do {
            reference = Reference.generate(random);
        } while (Report.findByReference(reference).isPresent());
        return reference;
    }
}
