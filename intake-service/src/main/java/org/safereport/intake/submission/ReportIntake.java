package org.safereport.intake.submission;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.safereport.intake.domain.IdempotencyKey;
import org.safereport.intake.domain.PolicyCategory;
import org.safereport.intake.domain.PublicPolicy;
import org.safereport.intake.persistence.PolicyStore;
import org.safereport.intake.persistence.Report;
import org.safereport.problem.Problem.FieldError;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Accepts a report from the API or the form: the same checks, the same storage, the same answer. */
@ApplicationScoped
public class ReportIntake {

    private static final Logger LOG = Logger.getLogger(ReportIntake.class);

    /** The outcome of a submission: {@link Accepted} or {@link Refused}. */
    public sealed interface Result permits Accepted, Refused {
    }

    /**
     * Stored (or, for a retry with the same Idempotency-Key, stored before).
     *
     * @param receiptCode the secret to look the report up with, in clear this once
     * @param replayed the answer to an earlier request with the same Idempotency-Key
     */
    public record Accepted(Report report, String receiptCode, boolean replayed, PolicyCategory category,
                           String expectedResponseByLocal) implements Result {
    }

    /** Why nothing was stored. */
    public enum Refusal {
        /** The routing policy is not known yet, so no category can be checked. */
        NOT_READY,
        /** A field is missing or wrong. */
        INVALID,
        /** An evidence file is larger than allowed. */
        TOO_LARGE,
        /** An evidence file is not of a kind that is kept (PNG, JPEG, PDF), or cannot be read as one. */
        UNSUPPORTED_FILE,
        /** An evidence file is a PDF that could run something (JavaScript, a launch action, an embedded file). */
        UNSAFE_FILE,
        /** Evidence could not be decoded in time: too many files are being decoded at once. Nothing was stored. */
        BUSY,
        /** The Idempotency-Key was used before with a different report. */
        IDEMPOTENCY_KEY_REUSED
    }

    /** Nothing was stored, for {@code refusal}; {@code errors} name the fields. */
    public record Refused(Refusal refusal, List<FieldError> errors) implements Result {
    }

    private final PolicyStore policies;
    private final SubmissionCheck check;
    private final ReportFiling filing;

    ReportIntake(PolicyStore policies, SubmissionCheck check, ReportFiling filing) {
        this.policies = policies;
        this.check = check;
        this.filing = filing;
    }

    public Optional<PublicPolicy> policy() {
        return policies.current();
    }

    public Result submit(ReportSubmission submission, UploadedEvidence evidence, Optional<IdempotencyKey> key) {
        Optional<PublicPolicy> current = policies.current();
        if (current.isEmpty()) {
            return new Refused(Refusal.NOT_READY, List.of());
        }
        PublicPolicy policy = current.get();
        List<FieldError> errors = check.problems(submission, policy);
        if (evidence.refusal() == Refusal.BUSY) {
            return new Refused(Refusal.BUSY, evidence.errors());
        }
        if (!evidence.errors().isEmpty()) {
            // File errors take their own refusal (too large, unsupported) only when the rest of the report is right.
            return new Refused(errors.isEmpty() ? evidence.refusal() : Refusal.INVALID,
                    Stream.concat(errors.stream(), evidence.errors().stream()).toList());
        }
        if (!errors.isEmpty()) {
            return new Refused(Refusal.INVALID, errors);
        }
        ReportFiling.Filed filed;
        try {
            filed = filing.file(submission, policy, evidence.files(), key);
        } catch (ReportFiling.IdempotencyConflictException e) {
            return new Refused(Refusal.IDEMPOTENCY_KEY_REUSED, List.of(new FieldError("Idempotency-Key", e.getMessage())));
        }
        Report report = filed.report();
        PolicyCategory category = policy.category(report.category).orElseThrow();
        if (!filed.replayed()) {
            LOG.infof("Report %s received, category %s, %d evidence file(s)", report.reference, report.category,
                    report.evidenceCount);
        }
        return new Accepted(report, filed.receiptCode(), filed.replayed(), category,
                policy.calendar().describe(report.expectedResponseBy));
    }
}
