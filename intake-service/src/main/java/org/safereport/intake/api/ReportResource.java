package org.safereport.intake.api;

import org.safereport.problem.ProblemMapper;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.safereport.intake.domain.IdempotencyKey;
import org.safereport.intake.submission.ReportIntake;
import org.safereport.intake.submission.ReportSubmission;
import org.safereport.problem.Problem;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String RECEIPT_CODE = "Receipt-Code";
    private static final String TOO_MANY_REQUESTS = "Too many requests from this client; try again after Retry-After seconds";

    private final ReportIntake intake;
    private final StatusLookup lookup;
    private final ObjectMapper objectMapper;
    private final EvidenceUploads uploads;

    ReportResource(ReportIntake intake, StatusLookup lookup, ObjectMapper objectMapper, EvidenceUploads uploads) {
        this.intake = intake;
        this.lookup = lookup;
        this.objectMapper = objectMapper;
        this.uploads = uploads;
    }

    /**
     * Accepts a report: once this answers 201 the report is stored and its event will be published. With
     * {@link #submitWithEvidence} it is one operation in the OpenAPI document: the answers both give are
     * declared here.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a report", description = "A retry with the same Idempotency-Key and body returns the first answer and files nothing new.")
    @APIResponse(responseCode = "201", description = "Stored",
            headers = @Header(name = "Location", description = "Where the report's status is looked up", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(schema = @Schema(implementation = ReportReceipt.class)))
    @APIResponse(responseCode = "400", description = "A field, part or header is wrong, or the body cannot be read; each is named")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with a different request, or a PDF has JavaScript, a launch action or an embedded file")
    @APIResponse(responseCode = "429", description = TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", description = "Not ready to take reports yet, the database is out of reach, or too many files are being read at once")
    public Response submit(ReportSubmission submission,
                           @Parameter(description = "A unique key per report (e.g. a UUID), to retry safely",
                                   schema = @Schema(minLength = IdempotencyKey.MIN_LENGTH, maxLength = IdempotencyKey.MAX_LENGTH))
                           @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                           @Context UriInfo uri) {
        if (submission == null) {
            return ProblemMapper.fields(400, "Some fields need correcting", List.of(new Problem.FieldError("body", "send the report as a JSON body")));
        }
        return answer(submission, List.of(), idempotencyKey, uri);
    }

    /** The same, with evidence: part {@code report} holds the JSON report, parts {@code evidence} the files. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "File a report with evidence",
            description = "Part `report`: the report as JSON. Parts `evidence`: up to 5 PNG, JPEG or PDF files of up to 10 MB each, recognised by their content. "
                    + "Send a random token in both the `csrf-token` cookie and the `X-CSRF-TOKEN` header (browsers cannot forge that pair).")
    @APIResponse(responseCode = "413", description = "A file is larger than 10 MB, or an image has more pixels than are taken")
    @APIResponse(responseCode = "415", description = "A file is not a readable PNG, JPEG or PDF, or the Content-Type is neither JSON nor multipart")
    public Response submitWithEvidence(@RestForm("report") @PartType(MediaType.TEXT_PLAIN) String report,
                                       @RestForm("evidence") List<FileUpload> evidence,
                                       @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                                       @Context UriInfo uri) throws IOException {
        if (report == null || report.isBlank()) {
            return ProblemMapper.fields(400, "Some fields need correcting", List.of(new Problem.FieldError("report", "send the report as JSON in the part named report")));
        }
        // A field of the wrong type becomes a 400 problem naming it, in the shared ProblemMapper; a part that is
        // not JSON at all is named here, as the part.
        ReportSubmission submission;
        try {
            submission = objectMapper.readValue(report, ReportSubmission.class);
        } catch (JsonParseException e) {
            return ProblemMapper.fields(400, "Some fields need correcting", List.of(new Problem.FieldError("report",
                    "is not valid JSON: " + e.getOriginalMessage())));
        }
        if (submission == null) {
            return ProblemMapper.fields(400, "Some fields need correcting", List.of(new Problem.FieldError("report", "send the report as JSON in the part named report")));
        }
        return answer(submission, evidence, idempotencyKey, uri);
    }

    private Response answer(ReportSubmission submission, List<FileUpload> evidence, String idempotencyKey, UriInfo uri) {
        Optional<IdempotencyKey> key;
        try {
            key = idempotencyKey == null ? Optional.empty() : Optional.of(new IdempotencyKey(idempotencyKey));
        } catch (IllegalArgumentException e) {
            return ProblemMapper.fields(400, "Some fields need correcting", List.of(new Problem.FieldError(IDEMPOTENCY_KEY, e.getMessage())));
        }
        ReportIntake.Result result = intake.submit(submission, uploads.read(evidence), key);
        if (result instanceof ReportIntake.Accepted accepted) {
            return Response.created(uri.getBaseUriBuilder().path("api/v1/reports").path(accepted.report().reference).build())
                    .entity(ReportReceipt.of(accepted))
                    .build();
        }
        return Problems.refused((ReportIntake.Refused) result);
    }

    @GET
    @Path("{reference}")
    @Operation(summary = "Where a report stands", description = "Needs the receipt code given when the report was filed. A wrong code and an unknown reference both answer 404.")
    @APIResponse(responseCode = "200", description = "Where it stands")
    @APIResponse(responseCode = "404", description = "No report with this reference and receipt code")
    @APIResponse(responseCode = "429", description = TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", description = "The database is out of reach")
    public ReportStatusView status(@Parameter(description = "The reference given when the report was filed", example = "SM-7KQ4-2M9X")
                                   @PathParam("reference") String reference,
                                   @Parameter(description = "The receipt code given with the reference", required = true)
                                   @HeaderParam(RECEIPT_CODE) String receiptCode) {
        return lookup.find(reference, receiptCode)
                .orElseThrow(() -> new NotFoundException("No report with this reference and receipt code"));
    }
}
