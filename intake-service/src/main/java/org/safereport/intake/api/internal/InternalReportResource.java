package org.safereport.intake.api.internal;

import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;
import org.safereport.intake.conversation.MessageText;
import org.safereport.intake.conversation.ReportConversation;
import org.safereport.intake.domain.EvidenceType;
import org.safereport.intake.persistence.Evidence;
import org.safereport.intake.persistence.EvidenceContents;
import org.safereport.intake.persistence.EvidenceSummary;
import org.safereport.intake.persistence.Report;
import org.safereport.problem.InvalidFieldException;
import org.safereport.intake.persistence.ReportSealing;
import org.safereport.problem.ProblemMapper;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * Reports as the reporter wrote them, for the escalation service's staff workspace, which applies who may see
 * what and writes the audit entry of each view. Guarded by {@link AllowedClientsPolicy}; never routed from
 * the internet, and not in the public OpenAPI document. Logs at DEBUG only, and never what a report says.
 */
@Path("/internal/v1/reports")
public class InternalReportResource {

    /** Evidence is never shown by a browser as a page or a document: downloaded, and sandboxed if opened anyway. */
    private static final String SANDBOX = "sandbox; default-src 'none'";
    private static final int THUMBNAIL_RETRY_AFTER_SECONDS = 5;
    /** The longest address SMTP can carry (RFC 5321). */
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final Logger LOG = Logger.getLogger(InternalReportResource.class);

    private final EvidenceContents contents;
    private final EvidenceThumbnails thumbnails;
    private final ReportSealing sealing;
    private final ReportConversation conversation;

    InternalReportResource(EvidenceContents contents, EvidenceThumbnails thumbnails, ReportSealing sealing,
                           ReportConversation conversation) {
        this.contents = contents;
        this.thumbnails = thumbnails;
        this.sealing = sealing;
        this.conversation = conversation;
    }

    /** A message from staff to the reporter, written on the case page. */
    public record StaffMessage(String staffPersonId, String staffRoleTitle, String text) {
    }

    /** The message as kept, for the case's audit trail. */
    public record MessageSent(UUID id) {
    }

    @GET
    @Path("{reportId}")
    @Produces(MediaType.APPLICATION_JSON)
    public InternalReport report(@PathParam("reportId") UUID reportId) {
        Report report = Report.<Report>findByIdOptional(reportId).orElseThrow(() -> new NotFoundException("No report " + reportId));
        LOG.debugf("Internal API: report %s read", report.reference);
        return InternalReport.of(report, sealing.open(report), Evidence.summariesOf(reportId), conversation.thread(report));
    }

    /**
     * Keeps a message from staff in the report's conversation, for the reporter's status page; 404 for a report
     * that does not exist or has been purged. The escalation service has checked that the sender may see the case.
     */
    @POST
    @Path("{reportId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response sendToReporter(@PathParam("reportId") UUID reportId, StaffMessage message) {
        if (message == null || message.staffPersonId() == null || message.staffPersonId().isBlank()) {
            throw new InvalidFieldException("staffPersonId", "name the member of staff who wrote the message");
        }
        if (message.staffRoleTitle() == null || message.staffRoleTitle().isBlank()) {
            throw new InvalidFieldException("staffRoleTitle", "give the role the reporter is shown");
        }
        String problem = MessageText.problem(message.text());
        if (problem != null) {
            throw new InvalidFieldException("text", problem);
        }
        UUID id = conversation.fromStaff(reportId, message.staffPersonId(), message.staffRoleTitle(), message.text().strip())
                .orElseThrow(() -> new NotFoundException("No report " + reportId + " to write about"));
        LOG.debugf("Internal API: message %s kept for the reporter", id);
        return Response.status(201).entity(new MessageSent(id)).build();
    }

    /**
     * Every report {@code email} filed or is the subject of, for a person's request for their data. A POST, so
     * that the address is in the body, never in a URL or an access log. The evidence files are read one by one
     * through the evidence endpoint.
     */
    @POST
    @Path("involving")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PersonReports involving(PersonReports.Lookup lookup) {
        String email = lookup == null ? null : lookup.email();
        if (email == null || email.isBlank()) {
            throw new InvalidFieldException("email", "give the person's email address");
        }
        if (email.length() > MAX_EMAIL_LENGTH || email.indexOf('@') < 1) {
            throw new InvalidFieldException("email", "is not an email address");
        }
        List<PersonReports.Involved> found = Report.findInvolving(email).stream()
                .map(report -> PersonReports.of(email, report, sealing.open(report), Evidence.summariesOf(report.id),
                        conversation.thread(report))).toList();
        LOG.debugf("Internal API: %d reports found for a person's export", found.size());
        return new PersonReports(found);
    }

    /** The file as uploaded, streamed and decrypted a slice at a time. */
    @GET
    @Path("{reportId}/evidence/{evidenceId}")
    public Response evidence(@PathParam("reportId") UUID reportId, @PathParam("evidenceId") UUID evidenceId,
                             @Context HttpServerResponse response) {
        EvidenceSummary file = evidenceOf(reportId, evidenceId);
        String fileName = InternalReport.EvidenceItem.of(Report.referenceOf(reportId).orElseThrow(), file).fileName();
        LOG.debugf("Internal API: evidence %s (%s) downloaded", fileName, file.mediaType());
        StreamingOutput body = output -> {
            try (InputStream content = contents.open(evidenceId)) {
                content.transferTo(output);
            }
        };
        sandbox(response);
        return Response.ok(body, file.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header(HttpHeaders.CONTENT_LENGTH, file.sizeBytes())
                .build();
    }

    /** A PNG of at most 480×480 that this service drew from the image; 404 for a document. */
    @GET
    @Path("{reportId}/evidence/{evidenceId}/thumbnail")
    public Response thumbnail(@PathParam("reportId") UUID reportId, @PathParam("evidenceId") UUID evidenceId,
                              @Context HttpServerResponse response) {
        EvidenceSummary file = evidenceOf(reportId, evidenceId);
        if (EvidenceType.ofMediaType(file.mediaType()).orElseThrow().imageFormat() == null) {
            throw new NotFoundException("Evidence " + evidenceId + " is a document, which has no thumbnail");
        }
        LOG.debugf("Internal API: thumbnail of evidence %s asked for", evidenceId);
        return thumbnails.of(evidenceId)
                .map(png -> {
                    sandbox(response);
                    return Response.ok(png, "image/png").header("Content-Disposition", "inline").build();
                })
                .orElseGet(() -> Response.fromResponse(ProblemMapper.problem(503, "Service Unavailable",
                                "Too many images are being decoded just now; try again in a few seconds.", List.of()))
                        .header("Retry-After", THUMBNAIL_RETRY_AFTER_SECONDS).build());
    }

    private static EvidenceSummary evidenceOf(UUID reportId, UUID evidenceId) {
        return Evidence.summaryOf(reportId, evidenceId).orElseThrow(() ->
                new NotFoundException("Report " + reportId + " has no evidence " + evidenceId));
    }

    /**
     * Set on the response itself, replacing the site-wide headers of application.properties: a second
     * Content-Security-Policy beside theirs would not replace it, both would apply.
     */
    private static void sandbox(HttpServerResponse response) {
        response.headers().set("Content-Security-Policy", SANDBOX)
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
