package org.safereport.intake.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.safereport.intake.domain.IdempotencyKey;
import org.safereport.intake.domain.PolicyCategory;
import org.safereport.intake.domain.PublicPolicy;
import org.safereport.intake.persistence.PolicyStore;
import org.safereport.intake.persistence.ReportStore;
import org.safereport.problem.Problem.FieldError;

import java.util.List;
import java.util.Optional;

/** Accepts a report from the API or the form: the same checks, the same storage, the same answer. */
@ApplicationScoped
public class ReportIntake {

    private static final Logger LOG = Logger.getLogger(ReportIntake.class);

    /** The outcome of a submission: {@link Accepted} or {@link Refused}. */
    public sealed interface Result permits Accepted, Refused {
    }

    /** Stored (or, for a retry with the same Idempotency-Key, stored before). */
    public record Accepted(ReportStore.Accepted stored, PolicyCategory category, String expectedResponseByLocal)
            implements Result {

        public ReportReceipt receipt() {
            return ReportReceipt.of(stored, category.guidance(), expectedResponseByLocal);
        }
    }

    /** Nothing was stored. @param status the HTTP status that says why (400, 413, 415, 422, 503) */
    public record Refused(int status, List<FieldError> errors) implements Result {
    }

    private final PolicyStore policies;
    private final SubmissionCheck check;
    private final ReportStore store;

    ReportIntake(PolicyStore policies, SubmissionCheck check, ReportStore store) {
        this.policies = policies;
        this.check = check;
        this.store = store;
    }

    public Optional<PublicPolicy> policy() {
        return policies.current();
    }

    public Result submit(ReportSubmission submission, List<FileUpload> uploads, Optional<IdempotencyKey> key) {
        Optional<PublicPolicy> current = policies.current();
        if (current.isEmpty()) {
            return new Refused(503, List.of());
        }
        PublicPolicy policy = current.get();
        List<FieldError> errors = check.problems(submission, policy);
        EvidenceUploads.Outcome evidence = EvidenceUploads.read(uploads);
        if (!evidence.errors().isEmpty()) {
            // File errors take their own status (413, 415) only when the rest of the report is right.
            return new Refused(errors.isEmpty() ? evidence.status() : 400,
                    java.util.stream.Stream.concat(errors.stream(), evidence.errors().stream()).toList());
        }
        if (!errors.isEmpty()) {
            return new Refused(400, errors);
        }
        ReportStore.Accepted stored;
        try {
            stored = store.store(submission, policy, evidence.files(), key);
        } catch (ReportStore.IdempotencyConflictException e) {
            return new Refused(422, List.of(new FieldError("Idempotency-Key", e.getMessage())));
        }
        PolicyCategory category = policy.category(stored.report().category).orElseThrow();
        if (!stored.replayed()) {
            LOG.infof("Report %s received, category %s, %d evidence file(s)", stored.report().reference,
                    stored.report().category, stored.report().evidenceCount);
        }
        return new Accepted(stored, category, policy.calendar().describe(stored.report().expectedResponseBy));
    }
}
