package org.safereport.intake.api.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.safereport.intake.api.ReportStatusView;
import org.safereport.intake.api.StatusLookup;
import org.safereport.intake.conversation.MessageText;
import org.safereport.intake.conversation.ReportConversation;
import org.safereport.intake.domain.MessageSender;
import org.safereport.intake.persistence.PolicyStore;
import org.safereport.intake.persistence.Report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * "Check a report": reference and receipt code in, status and the conversation with staff out; and the
 * reporter's reply, posted with the same two. The code is posted, never put in the address, so that it stays
 * out of browser history and server logs. A reply carries nothing of who wrote it beyond the words typed.
 */
@Path("/status")
@Produces(MediaType.TEXT_HTML)
public class StatusPageResource {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    private final StatusLookup lookup;
    private final ReportConversation conversation;
    private final PolicyStore policies;

    StatusPageResource(StatusLookup lookup, ReportConversation conversation, PolicyStore policies) {
        this.lookup = lookup;
        this.conversation = conversation;
        this.policies = policies;
    }

    @GET
    public Response form(@QueryParam("reference") String reference) {
        return Response.ok(Pages.status(reference == null ? "" : reference, false)).build();
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response lookUp(@RestForm String reference, @RestForm String receiptCode) {
        return lookup.findReport(reference, receiptCode)
                .map(report -> Response.ok(Pages.statusResult(page(report, receiptCode, null, null, false, UUID.randomUUID()))).build())
                .orElseGet(() -> notFound(reference));
    }

    @POST
    @Path("reply")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response reply(@RestForm String reference, @RestForm String receiptCode, @RestForm String reply, @RestForm String replyId) {
        Optional<Report> report = lookup.findReport(reference, receiptCode);
        if (report.isEmpty()) {
            return notFound(reference);
        }
        UUID attempt = replyAttempt(replyId);
        String problem = MessageText.problem(reply);
        if (problem != null) {
            return Response.status(400).entity(Pages.statusResult(page(report.get(), receiptCode, "Your reply " + problem,
                    reply == null ? "" : reply, false, attempt))).build();
        }
        if (conversation.fromReporter(report.get().id, attempt, reply.strip()).isEmpty()) {
            return notFound(reference);
        }
        return Response.ok(Pages.statusResult(page(report.get(), receiptCode, null, null, true, UUID.randomUUID()))).build();
    }

    /** The reply form's id; a page drawn before replies had one, or a mangled one, makes a reply of its own. */
    private static UUID replyAttempt(String replyId) {
        try {
            return replyId == null ? UUID.randomUUID() : UUID.fromString(replyId.strip());
        } catch (IllegalArgumentException e) {
            return UUID.randomUUID();
        }
    }

    private Response notFound(String reference) {
        return Response.status(404).entity(Pages.status(reference == null ? "" : reference, true)).build();
    }

    private StatusPage page(Report found, String receiptCode, String replyError, String reply, boolean replySent, UUID replyId) {
        ReportStatusView report = ReportStatusView.of(found);
        return new StatusPage(report, describe(report.submittedAt()), describe(report.respondBy()),
                describe(report.acknowledgedAt()), describe(report.closedAt()), found.anonymous,
                conversation.thread(found).stream().map(message -> new StatusPage.Message(message.sender() == MessageSender.STAFF,
                        message.sender() == MessageSender.STAFF ? ReportStatusView.capitalised(message.staffRoleTitle()) : "You",
                        describe(message.sentAt()), message.text())).toList(),
                receiptCode, replyError, reply, replySent, replyId);
    }

    /** In the policy's time zone, as the confirmation page said it; in UTC before a policy is known. */
    private String describe(Instant instant) {
        if (instant == null) {
            return null;
        }
        return policies.current().map(policy -> policy.calendar().describe(instant)).orElseGet(() -> UTC.format(instant));
    }
}
