package org.safereport.intake.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.jboss.logging.Logger;
import org.safereport.intake.config.IntakeConfig;
import org.safereport.problem.InvalidFieldException;
import org.safereport.intake.persistence.Report;
import org.safereport.intake.persistence.ReportStore;

@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private static final Logger LOG = Logger.getLogger(ReportResource.class);

    private final ReportStore store;
    private final IntakeConfig config;

    ReportResource(ReportStore store, IntakeConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Accepts a report: once this answers 201 the report is stored and its event will be published. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@NotNull(message = "send the report as a JSON body") @Valid ReportSubmission submission,
                           @Context UriInfo uri) {
        if (!config.categories().contains(submission.category())) {
            throw new InvalidFieldException("category", "must be one of " + String.join(", ", config.categories().stream().sorted().toList()));
        }
        Report report = store.store(submission);
        LOG.infof("Report %s received, category %s", report.reference, report.category);
        return Response.created(uri.getAbsolutePathBuilder().path(report.reference).build())
                .entity(new ReportReceipt(report.reference, report.status))
                .build();
    }

    @GET
    @Path("{reference}")
    public ReportReceipt status(@PathParam("reference") String reference) {
        return Report.findByReference(reference)
                .map(report -> new ReportReceipt(report.reference, report.status))
                .orElseThrow(() -> new NotFoundException("no report " + reference));
    }
}
