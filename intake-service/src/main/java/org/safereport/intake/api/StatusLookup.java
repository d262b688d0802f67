package org.safereport.intake.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.safereport.intake.domain.ReceiptCode;
import org.safereport.intake.domain.Reference;
import org.safereport.intake.persistence.Report;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds a report by its reference and receipt code. A wrong code and an unknown reference give the same
 * answer, after the same work, so that nobody can learn which references exist.
 */
@ApplicationScoped
public class StatusLookup {

    @Transactional
    public Optional<ReportStatusView> find(String reference, String receiptCode) {
        return findReport(reference, receiptCode).map(ReportStatusView::of);
    }

    /** The report itself, for its reporter's page: its conversation, and a reply to it. */
    @Transactional
    public Optional<Report> findReport(String reference, String receiptCode) {
        String normal = reference == null ? "" : reference.trim().toUpperCase(Locale.ROOT);
        Optional<Report> report = Reference.FORMAT.matcher(normal).matches() ? Report.findByReference(normal) : Optional.empty();
        byte[] storedHash = report.map(found -> found.receiptCodeHash).orElse(null);
        return ReceiptCode.matches(receiptCode, storedHash) ? report : Optional.empty();
    }
}
