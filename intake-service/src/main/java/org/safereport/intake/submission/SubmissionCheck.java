package org.safereport.intake.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import org.safereport.intake.config.IntakeConfig;
import org.safereport.intake.domain.Platform;
import org.safereport.intake.domain.PublicPolicy;
import org.safereport.problem.Problem.FieldError;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Every rule a report must meet, the same for the API and the form: the field constraints of
 * {@link ReportSubmission}, then the rules that need the policy or look at several fields.
 */
@ApplicationScoped
public class SubmissionCheck {

    /** No social media post is older; and PostgreSQL's dates end in 4713 BC, where a typed year -999999999 would fail to store. */
    static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);

    private final Validator validator;
    private final List<String> receiptDomains;

    SubmissionCheck(Validator validator, IntakeConfig config) {
        this.validator = validator;
        this.receiptDomains = config.receipt().allowedDomains().stream().map(domain -> domain.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** @return each wrong field with what is wrong with it, in field order; empty when the report can be accepted */
    public List<FieldError> problems(ReportSubmission submission, PublicPolicy policy) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<ReportSubmission> violation : validator.validate(submission)) {
            errors.add(new FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        if (submission.category() != null && errors.stream().noneMatch(error -> error.field().equals("category"))
                && policy.category(submission.category()).isEmpty()) {
            errors.add(new FieldError("category", "must be one of " + policy.codes()));
        }
        if (submission.when() != null && submission.when().date() != null && submission.when().date().isBefore(EARLIEST_DATE)) {
            errors.add(new FieldError("when.date", "must not be before 1900"));
        }
        if (submission.when() != null && submission.when().time() != null && submission.when().date() == null) {
            errors.add(new FieldError("when.date", "give the date as well as the time"));
        }
        if (submission.where() != null && submission.where().platform() == Platform.OTHER
                && (submission.where().other() == null || submission.where().other().isBlank())) {
            errors.add(new FieldError("where.other", "say where it happened"));
        }
        if (submission.wantsReceipt() && (submission.keptReporter() == null || blank(submission.keptReporter().email()))) {
            errors.add(new FieldError("emailReceipt", submission.isAnonymous()
                    ? "an anonymous report cannot have a receipt by email"
                    : "give your work email to get a receipt by email"));
        } else if (submission.wantsReceipt() && !receiptDomains.contains(domainOf(submission.keptReporter().email()))) {
            // The public form must not send mail, in the organisation's name, to any address a stranger types.
            errors.add(new FieldError("emailReceipt", "a receipt can be emailed only to a work address at "
                    + String.join(" or ", receiptDomains)));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    private static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** {@code reporter.email}, {@code links}: the property names, without the record's own. */
    private static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY) {
                names.add(node.getName());
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }
}
