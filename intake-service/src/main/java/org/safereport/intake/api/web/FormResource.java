package org.safereport.intake.api.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.BeanParam;
import org.safereport.intake.api.EvidenceUploads;
import org.safereport.intake.submission.ReportIntake;
import org.safereport.intake.submission.ReportSubmission;
import org.safereport.intake.submission.SubmissionCheck;
import org.safereport.intake.domain.IdempotencyKey;
import org.safereport.intake.domain.PublicPolicy;
import org.jboss.logging.Logger;
import org.safereport.problem.Problem.FieldError;
import org.safereport.problem.ProblemMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** The report form: one page, works without JavaScript, errors next to their fields. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class FormResource {

    private static final Logger LOG = Logger.getLogger(FormResource.class);
    private static final String FILES_NOT_KEPT = "Files are not kept when a form is shown again: please attach them again.";

    private final ReportIntake intake;
    private final SubmissionCheck check;
    private final EvidenceUploads uploads;

    FormResource(ReportIntake intake, SubmissionCheck check, EvidenceUploads uploads) {
        this.intake = intake;
        this.check = check;
        this.uploads = uploads;
    }

    @GET
    public Response home() {
        return blank();
    }

    @GET
    @Path("report")
    public Response report() {
        return blank();
    }

    private Response blank() {
        return intake.policy()
                .map(policy -> page(200, form(policy, Map.of(), List.of(), null)))
                .orElseGet(FormResource::notReady);
    }

    @POST
    @Path("report")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submit(@BeanParam ReportForm form) {
        Optional<PublicPolicy> policy = intake.policy();
        if (policy.isEmpty()) {
            return notReady();
        }
        if (form.website != null && !form.website.isEmpty()) {
            // Filled in by a bot, or by a browser's autofill: say so rather than pretend, so that a person can send it again.
            return page(400, form(policy.get(), form.values(), List.of(), "We could not accept this form. Please check it and send it again."));
        }
        List<FieldError> unreadable = new ArrayList<>();
        ReportSubmission submission = form.toSubmission(unreadable);
        if (!unreadable.isEmpty()) {
            // Nothing may be stored yet: list what could not be read together with every other problem.
            List<FieldError> errors = Stream.concat(unreadable.stream(), check.problems(submission, policy.get()).stream()
                    .filter(error -> unreadable.stream().noneMatch(known -> known.field().equals(error.field())))).toList();
            return corrections(policy.get(), form, errors);
        }
        ReportIntake.Result result;
        try {
            result = intake.submit(submission, uploads.read(form.evidence), submissionKey(form.submissionId));
        } catch (RuntimeException e) {
            if (!ProblemMapper.isDatabaseUnavailable(e)) {
                throw e;
            }
            return notSavedYet(policy.get(), form);
        }
        if (result instanceof ReportIntake.Accepted accepted) {
            return Response.ok(Pages.confirmation(confirmation(accepted))).build();
        }
        ReportIntake.Refused refused = (ReportIntake.Refused) result;
        if (refused.refusal() == ReportIntake.Refusal.BUSY) {
            return notSavedYet(policy.get(), form);
        }
        if (refused.refusal() == ReportIntake.Refusal.IDEMPOTENCY_KEY_REUSED) {
            return page(422, form(policy.get(), Map.of(), List.of(),
                    "You have already sent this form with different answers. If you want to tell us something else, please fill in this new form."));
        }
        return corrections(policy.get(), form, refused.errors());
    }

    /**
     * The database is out of reach, or the files could not be read in time: the form comes back with the person's answers and the same submission
     * id, so that sending it again files the report once even if this attempt was saved after all.
     */
    private static Response notSavedYet(PublicPolicy policy, ReportForm form) {
        LOG.warn("Report form not saved: the database is unavailable or evidence could not be read in time; the form was shown again with its answers");
        String submissionId = submissionKey(form.submissionId).isPresent() ? form.submissionId : UUID.randomUUID().toString();
        return Response.status(503).header("Retry-After", 30).entity(Pages.form(new FormView(policy.categories(), form.values(),
                List.of(), submissionId, "We could not save your report just now. Your answers are below: "
                + "please press Send again in a minute." + (filesChosen(form) ? " " + FILES_NOT_KEPT : "")))).build();
    }

    private static Response corrections(PublicPolicy policy, ReportForm form, List<FieldError> errors) {
        return page(400, new FormView(policy.categories(), form.values(), errors, UUID.randomUUID().toString(),
                filesChosen(form) ? FILES_NOT_KEPT : null));
    }

    private static boolean filesChosen(ReportForm form) {
        return form.evidence != null && form.evidence.stream().anyMatch(upload -> upload.size() > 0);
    }

    private static Confirmation confirmation(ReportIntake.Accepted accepted) {
        var report = accepted.report();
        return new Confirmation(report.reference, accepted.receiptCode(), report.categoryLabel,
                accepted.category().guidance(), report.handledByTitle, accepted.category().respondWithin(),
                accepted.expectedResponseByLocal(), report.youngPersonAtRisk, report.emailReceipt);
    }

    private static Optional<IdempotencyKey> submissionKey(String submissionId) {
        try {
            return submissionId == null ? Optional.empty() : Optional.of(new IdempotencyKey(submissionId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static FormView form(PublicPolicy policy, Map<String, String> values, List<FieldError> errors, String notice) {
        return new FormView(policy.categories(), values, errors, UUID.randomUUID().toString(), notice);
    }

    private static Response page(int status, FormView view) {
        return Response.status(status).entity(Pages.form(view)).build();
    }

    static Response notReady() {
        TemplateInstance page = Pages.notReady();
        return Response.status(503).header("Retry-After", 60).entity(page).build();
    }
}
