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
import org.safereport.intake.persistence.PolicyStore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * "Check a report": reference and receipt code in, status out. The code is posted, never put in the
 * address, so that it stays out of browser history and server logs.
 */
@Path("/status")
@Produces(MediaType.TEXT_HTML)
public class StatusPageResource {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    private final StatusLookup lookup;
    private final PolicyStore policies;

    StatusPageResource(StatusLookup lookup, PolicyStore policies) {
        this.lookup = lookup;
        this.policies = policies;
    }

    @GET
    public Response form(@QueryParam("reference") String reference) {
        return Response.ok(Pages.status(reference == null ? "" : reference, false)).build();
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response lookUp(@RestForm String reference, @RestForm String receiptCode) {
        return lookup.find(reference, receiptCode)
                .map(report -> Response.ok(Pages.statusResult(page(report))).build())
                .orElseGet(() -> Response.status(404).entity(Pages.status(reference == null ? "" : reference, true)).build());
    }

    private StatusPage page(ReportStatusView report) {
        return new StatusPage(report, describe(report.submittedAt()), describe(report.respondBy()),
                describe(report.acknowledgedAt()), describe(report.closedAt()));
    }

    /** In the policy's time zone, as the confirmation page said it; in UTC before a policy is known. */
    private String describe(Instant instant) {
        if (instant == null) {
            return null;
        }
        return policies.current().map(policy -> policy.calendar().describe(instant)).orElseGet(() -> UTC.format(instant));
    }
}
