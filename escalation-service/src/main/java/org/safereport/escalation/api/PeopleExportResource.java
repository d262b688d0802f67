package org.safereport.escalation.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.logging.Logger;
import org.safereport.escalation.client.IntakeReports;
import org.safereport.escalation.domain.directory.EmailAddress;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.export.ExportArchive;
import org.safereport.escalation.export.PersonExport;
import org.safereport.problem.InvalidFieldException;

/**
 * The export of a person's data for a script, with the Chief Executive's bearer token: the same ZIP and the same
 * audit entries as the page. The address is in the body, never in the URL.
 */
@Path("/api/v1/people/export")
@SecurityRequirement(name = CasesResource.STAFF_SIGN_IN)
@APIResponse(responseCode = "503", description = "The database or the intake service is out of reach")
public class PeopleExportResource {

    private static final Logger LOG = Logger.getLogger(PeopleExportResource.class);

    @Context
    HttpServerRequest request;

    private final CaseDetails details;
    private final PersonExport export;
    private final ExportArchive archive;
    private final SecurityIdentity identity;

    PeopleExportResource(CaseDetails details, PersonExport export, ExportArchive archive, SecurityIdentity identity) {
        this.details = details;
        this.export = export;
        this.archive = archive;
        this.identity = identity;
    }

    /** @param email the person's address, compared without case or surrounding spaces */
    public record ExportRequest(@Schema(required = true) String email) {
    }

    @POST
    @RolesAllowed("CHIEF_EXECUTIVE") // the role StaffSignIn gives the directory's Role.CHIEF_EXECUTIVE; anyone else gets 403
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(ExportDownload.ZIP)
    @APIResponse(responseCode = "200", description = "person.json, person.html and evidence/, as one ZIP",
            content = @Content(mediaType = ExportDownload.ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "The email is missing or not an address; the field is named")
    @APIResponse(responseCode = "403", description = "Only the Chief Executive exports a person's data")
    public Response export(ExportRequest body) {
        Person viewer = details.viewer(identity);
        String email = body == null ? null : body.email();
        EmailAddress.problem(email).ifPresent(problem -> {
            throw new InvalidFieldException("email", problem);
        });
        PersonExport.Prepared prepared;
        try {
            prepared = export.prepare(viewer, ClientAddress.actor(identity, request), email);
        } catch (IntakeReports.Unavailable e) {
            LOG.warnf("Person export: the intake service could not be asked: %s", e.getMessage());
            throw new ServiceUnavailableException("The service that keeps reports did not answer. Try again in a minute.");
        }
        LOG.infof("Person export %s made by %s", prepared.data().export().id(), viewer.id());
        return ExportDownload.of(archive, prepared);
    }
}
