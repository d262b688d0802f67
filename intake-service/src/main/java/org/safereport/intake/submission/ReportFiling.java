package org.safereport.intake.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.safereport.intake.config.IntakeConfig;
import org.safereport.intake.domain.EvidenceFile;
import org.safereport.intake.domain.IdempotencyKey;
import org.safereport.intake.domain.PolicyCategory;
import org.safereport.intake.domain.PublicPolicy;
import org.safereport.intake.domain.ReceiptCode;
import org.safereport.intake.domain.Reference;
import org.safereport.intake.domain.ReportStatus;
import org.safereport.intake.persistence.Evidence;
import org.safereport.intake.persistence.IdempotencyRecord;
import org.safereport.intake.persistence.Report;
import org.safereport.intake.persistence.ReportContent;
import org.safereport.intake.persistence.ReportSealing;
import org.safereport.envelope.DataKey;
import org.safereport.events.ReportSubmittedV1;
import org.safereport.events.notification.Channel;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.Template;
import org.safereport.events.notification.TemplateData;
import org.safereport.messaging.outbox.Outbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Files a checked report: the report, its evidence, its {@code report.submitted} event (and the receipt
 * email's request) in one transaction: once it commits, the report is never lost and its events will be
 * published.
 */
@ApplicationScoped
public class ReportFiling {

    /** The report filed, and its receipt code in clear, this once. */
    record Filed(Report report, String receiptCode, boolean replayed) {
    }

    /** The Idempotency-Key was used before with a different request. */
    public static class IdempotencyConflictException extends RuntimeException {
        public IdempotencyConflictException() {
            super("this Idempotency-Key was used with a different request");
        }
    }

    private final Outbox outbox;
    private final Clock clock;
    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final IntakeConfig config;
    private final ReportSealing sealing;
    private final SecureRandom random = new SecureRandom();

    ReportFiling(Outbox outbox, Clock clock, EntityManager entityManager, ObjectMapper objectMapper, IntakeConfig config,
                ReportSealing sealing) {
        this.outbox = outbox;
        this.clock = clock;
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.config = config;
        this.sealing = sealing;
    }

    /**
     * @param submission a submission that passed {@code SubmissionCheck} against {@code policy}
     * @throws IdempotencyConflictException when {@code key} was used with a different request
     */
    @Transactional
    Filed file(ReportSubmission submission, PublicPolicy policy, List<EvidenceFile> evidence, Optional<IdempotencyKey> key) {
        byte[] requestHash = fingerprint(submission, evidence);
        if (key.isPresent()) {
            Optional<Filed> earlier = earlierAnswer(key.get(), requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        PolicyCategory category = policy.category(submission.category()).orElseThrow();
        String receiptCode = ReceiptCode.generate(random);
        ReportContent content = contentOf(submission);
        Report report = newReport(submission, content, policy, category, evidence.size(), receiptCode);
        DataKey dataKey = sealing.seal(report, content);
        report.persist();
        for (int i = 0; i < evidence.size(); i++) {
            storeEvidence(report.id, i, evidence.get(i), dataKey);
        }
        key.ifPresent(idempotencyKey -> remember(idempotencyKey, requestHash, report.id, receiptCode));

        outbox.add(report.id.toString(), ReportSubmittedV1.of(report.id, report.reference, report.category,
                report.youngPersonAtRisk, content.reporterEmail(), content.subjectEmail(), report.evidenceCount, report.submittedAt));
        if (report.emailReceipt) {
            // Keyed by report id: intake has no case id, and a report's requests stay in order.
            outbox.add(report.id.toString(), receipt(report, content, category));
        }
        return new Filed(report, receiptCode, false);
    }

    /**
     * One receipt per report: the request id is derived from the report id, so that the notification service
     * drops a duplicate however the request came to be published twice. Without the reporter's name, which
     * anyone filling in the public form chooses: the email greets nobody by name.
     */
    private NotificationRequestedV1 receipt(Report report, ReportContent content, PolicyCategory category) {
        UUID requestId = UUID.nameUUIDFromBytes(("receipt:" + report.id).getBytes(StandardCharsets.UTF_8));
        return NotificationRequestedV1.of(report.submittedAt, requestId, report.reference,
                new NotificationRequestedV1.Recipient(null, null, content.reporterEmail(), null),
                List.of(Channel.EMAIL), Template.RECEIPT, new TemplateData.ReportReceipt(category.label(),
                        config.statusPage(report.reference)), null,
                NotificationRequestedV1.Priority.NORMAL);
    }

    private Optional<Filed> earlierAnswer(IdempotencyKey key, byte[] requestHash) {
        // Two requests with one key take turns, so that the second finds the first one's answer.
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(:id)").setParameter("id", key.lockId()).getSingleResult();
        IdempotencyRecord earlier = entityManager.find(IdempotencyRecord.class, key.lookupHash());
        if (earlier == null) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(earlier.requestHash, requestHash)) {
            throw new IdempotencyConflictException();
        }
        return Optional.of(new Filed(Report.findById(earlier.reportId), key.open(earlier.sealedReceiptCode), true));
    }

    private void remember(IdempotencyKey key, byte[] requestHash, UUID reportId, String receiptCode) {
        IdempotencyRecord record = new IdempotencyRecord();
        record.keyHash = key.lookupHash();
        record.requestHash = requestHash;
        record.reportId = reportId;
        record.sealedReceiptCode = key.seal(receiptCode);
        record.createdAt = clock.instant();
        record.persist();
    }

    private static ReportContent contentOf(ReportSubmission submission) {
        ReportSubmission.When when = submission.when();
        ReportSubmission.Where where = submission.where();
        ReportSubmission.Reporter reporter = submission.keptReporter();
        ReportSubmission.Subject subject = submission.subject();
        return new ReportContent(submission.description(),
                when == null ? null : when.date(), when == null ? null : when.time(),
                where == null ? null : where.platform(), where == null ? null : where.other(),
                submission.linkList(),
                reporter == null ? null : reporter.name(), reporter == null ? null : reporter.email(),
                reporter == null ? null : reporter.phone(),
                subject == null ? null : subject.name(), subject == null ? null : subject.email());
    }

    private Report newReport(ReportSubmission submission, ReportContent content, PublicPolicy policy, PolicyCategory category,
                             int evidenceCount, String receiptCode) {
        Report report = new Report();
        report.id = UUID.randomUUID();
        report.reference = unusedReference();
        report.category = category.code();
        report.anonymous = submission.isAnonymous();
        report.emailReceipt = submission.wantsReceipt();
        report.youngPersonAtRisk = submission.atRisk();
        report.receiptCodeHash = ReceiptCode.hash(receiptCode);
        report.status = ReportStatus.RECEIVED;
        report.submittedAt = clock.instant();
        report.categoryLabel = category.label();
        report.handledByTitle = category.handledByTitle(content.reporterEmail() == null);
        report.expectedResponseBy = policy.expectedResponseBy(category, report.submittedAt);
        report.policyVersion = policy.version();
        report.evidenceCount = evidenceCount;
        return report;
    }

    private void storeEvidence(UUID reportId, int position, EvidenceFile file, DataKey dataKey) {
        Evidence evidence = new Evidence();
        evidence.id = UUID.randomUUID();
        evidence.reportId = reportId;
        evidence.position = position;
        evidence.mediaType = file.type().mediaType();
        evidence.sizeBytes = file.content().length;
        evidence.content = dataKey.seal(file.content(), ReportSealing.evidenceContext(evidence.id));
        evidence.persist();
    }

    /** The same report and files give the same bytes: records serialise their fields in declaration order. */
    private byte[] fingerprint(ReportSubmission submission, List<EvidenceFile> evidence) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(objectMapper.writeValueAsBytes(submission));
            for (EvidenceFile file : evidence) {
                bytes.writeBytes(IdempotencyKey.sha256(file.content()));
            }
            return IdempotencyKey.sha256(bytes.toByteArray());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checked submission can always be written as JSON", e);
        }
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
