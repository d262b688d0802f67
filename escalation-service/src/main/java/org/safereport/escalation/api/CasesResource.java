package org.safereport.escalation.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.safereport.escalation.access.StaffSignIn;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.persistence.CaseQueries;
import org.safereport.escalation.cases.CaseClosing;
import org.safereport.problem.InvalidFieldException;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Cases for staff, with a bearer token from the organisation's identity provider: the Chief Executive sees every case, the DSL and deputy the
 * safeguarding cases, anyone else the cases sent to them, and nobody a case about themselves. A case a
 * person may not see answers 404, as one that does not exist.
 */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffSignIn.STAFF)
@SecurityScheme(securitySchemeName = CasesResource.STAFF_SIGN_IN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An access token from the organisation's identity provider, for a person in the people directory")
@SecurityRequirement(name = CasesResource.STAFF_SIGN_IN)
@APIResponse(responseCode = "503", description = "The database is out of reach")
public class CasesResource {

    static final String STAFF_SIGN_IN = "staff";

    @Context
    HttpServerRequest request;

    private final CaseQueries queries;
    private final CaseClosing closing;
    private final SecurityIdentity identity;
    private final CaseDetails details;
    private final Clock clock;

    CasesResource(CaseQueries queries, CaseClosing closing, SecurityIdentity identity,
                  CaseDetails details, Clock clock) {
        this.queries = queries;
        this.closing = closing;
        this.identity = identity;
        this.details = details;
        this.clock = clock;
    }

    /** Text columns cannot hold a NUL character: refused as a field error rather than failing when stored. */
    private static final String NO_NUL = "^[^\\x00]*$";
    private static final String NUL_MESSAGE = "must not contain a NUL character";

    /**
     * @param outcome the outcome summary the reporter will see on their status page
     * @param internalNote for staff only
     */
    public record CloseRequest(@NotBlank @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String outcome,
                               @Size(max = 10000) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String internalNote) {
    }

    /** The cases this person may see, newest first, a page at a time. */
    @GET
    @APIResponse(responseCode = "200", description = "The cases, newest first")
    @APIResponse(responseCode = "400", description = "A filter is not one of its allowed values; each is named")
    public List<CaseViews.CaseSummary> list(@QueryParam("state") @Parameter(schema = @Schema(implementation = CaseState.class)) String state,
                                            @QueryParam("category") String category,
                                            @QueryParam("overdue") Boolean overdue,
                                            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
                                            @QueryParam("page") @DefaultValue("1") @Min(1) @Max(1_000_000) int page) {
        Optional<CaseState> stateFilter = Optional.ofNullable(state).map(value -> parseState(value));
        Instant now = clock.instant();
        return queries.visibleTo(details.viewer(identity), new CaseQueries.Filter(stateFilter, Optional.ofNullable(category),
                        Optional.ofNullable(overdue)), now, page - 1, limit).cases().stream()
                .map(record -> details.summary(record, now))
                .toList();
    }

    @GET
    @Path("{id}")
    @APIResponse(responseCode = "200", description = "The case with its plan, notifications and timeline")
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No case with this id that you may see")
    public CaseViews.CaseDetail get(@PathParam("id") UUID id) {
        return details.detail(visibleHistory(id));
    }

    /** Closes the case with an outcome: every chain stops and the reporter's status page shows the outcome. */
    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Closed: the case as it is now")
    @APIResponse(responseCode = "400", description = "The id is not a UUID, or a field is wrong; each is named")
    @APIResponse(responseCode = "404", description = "No case with this id that you may see")
    @APIResponse(responseCode = "409", description = "The case is already closed")
    public CaseViews.CaseDetail close(@PathParam("id") UUID id, @Valid @NotNull CloseRequest body) {
        visibleHistory(id);
        CaseClosing.Closing closed = closing.close(id, new AuditTrail.Actor(details.viewer(identity).id(), ClientAddress.of(request)),
                body.outcome().strip(), body.internalNote());
        if (closed == CaseClosing.Closing.ALREADY_CLOSED) {
            throw new ClientErrorException("This case is already closed.", Response.Status.CONFLICT);
        }
        return details.detail(visibleHistory(id));
    }

    private CaseQueries.CaseHistory visibleHistory(UUID id) {
        return details.visible(queries.history(id), identity).orElseThrow(() -> new NotFoundException("No case " + id + " that you may see."));
    }

    private static CaseState parseState(String value) {
        try {
            return CaseState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("state", "must be one of " + Arrays.toString(CaseState.values()));
        }
    }
}
