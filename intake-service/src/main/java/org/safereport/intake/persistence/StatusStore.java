package org.safereport.intake.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.intake.domain.ReportStatus;
import org.safereport.events.CaseStatusV1;

import java.time.Clock;
import java.util.Optional;

/**
 * Applies {@code case.status} events to reports. Idempotent by event id, and safe against events
 * arriving out of order: an event older than the one the status comes from changes nothing.
 */
@ApplicationScoped
public class StatusStore {

    private static final Logger LOG = Logger.getLogger(StatusStore.class);

    private final EntityManager entityManager;
    private final Clock clock;

    StatusStore(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public void apply(CaseStatusV1 event) {
        int firstTime = entityManager.createNativeQuery(
                        "INSERT INTO case_status_event (event_id, report_id, received_at) VALUES (:id, :report, :now) ON CONFLICT DO NOTHING")
                .setParameter("id", event.eventId())
                .setParameter("report", event.reportId())
                .setParameter("now", clock.instant())
                .executeUpdate();
        if (firstTime == 0) {
            return;
        }
        Optional<ReportStatus> status = ReportStatus.ofCaseState(event.state());
        Report report = entityManager.find(Report.class, event.reportId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (report == null || status.isEmpty()) {
            LOG.warnf("Ignored case.status %s for report %s: %s", event.eventId(), event.reference(),
                    report == null ? "no such report here" : "unknown state " + event.state());
            return;
        }
        if (report.statusUpdatedAt != null && event.occurredAt().isBefore(report.statusUpdatedAt)) {
            return;
        }
        report.status = status.get();
        report.statusUpdatedAt = event.occurredAt();
        if (event.withRoleTitle() != null) {
            report.withRoleTitle = event.withRoleTitle();
        }
        report.respondBy = status.get() == ReportStatus.WITH_ROLE ? event.respondBy() : null;
        if (status.get() == ReportStatus.ACKNOWLEDGED && report.acknowledgedAt == null) {
            report.acknowledgedAt = event.occurredAt();
        }
        if (status.get() == ReportStatus.CLOSED) {
            report.closedAt = event.occurredAt();
            report.outcome = event.outcome();
        }
        // DEBUG: the escalation service logs each change of the case; this is its copy for the status page.
        LOG.debugf("Report %s is now %s", report.reference, report.status);
    }
}
