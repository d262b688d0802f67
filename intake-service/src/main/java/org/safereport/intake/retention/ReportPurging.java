package org.safereport.intake.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.events.CasePurgedV1;
import org.safereport.intake.persistence.Evidence;
import org.safereport.intake.persistence.IdempotencyRecord;
import org.safereport.intake.persistence.Report;
import org.safereport.intake.persistence.ReportMessage;

import java.time.Clock;

/**
 * Removes a report's content once its case has passed its retention period ({@code cases.purged.v1}): the
 * evidence, the first answers kept for retries, the conversation with the reporter, and every field the
 * reporter filled in. The row stays as the
 * tombstone the trustees' figures count: reference, category, dates, status and outcome. A redelivered event
 * finds the report purged already and changes nothing.
 */
@ApplicationScoped
public class ReportPurging {

    private static final Logger LOG = Logger.getLogger(ReportPurging.class);

    private final EntityManager entityManager;
    private final Clock clock;

    ReportPurging(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public void purge(CasePurgedV1 event) {
        Report report = entityManager.find(Report.class, event.reportId(), LockModeType.PESSIMISTIC_WRITE);
        if (report == null) {
            LOG.warnf("Ignored case.purged %s: no report %s here", event.eventId(), event.reference());
            return;
        }
        if (report.purgedAt != null) {
            return;
        }
        Evidence.delete("reportId", report.id);
        IdempotencyRecord.delete("reportId", report.id);
        ReportMessage.delete("reportId", report.id);
        clearContent(report);
        report.purgedAt = clock.instant();
        LOG.infof("Report %s purged: retention %s from its closing", report.reference, event.rule());
    }

    /**
     * What a purge clears of the report itself: everything the reporter wrote or chose about what happened
     * and who was involved (sealed under the report's data key, which is removed with it), the keyed hashes it
     * was found by, and the receipt code's hash that let them look it up.
     * Kept: reference, category, dates, status and outcome, and the policy's words the reporter was shown.
     */
    private static void clearContent(Report report) {
        report.sealedContent = null;
        report.dataKey = null;
        report.keyId = null;
        report.reporterEmailIndex = null;
        report.subjectEmailIndex = null;
        report.receiptCodeHash = null;
    }
}
