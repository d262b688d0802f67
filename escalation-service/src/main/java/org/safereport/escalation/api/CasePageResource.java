package org.safereport.escalation.api;

import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.safereport.escalation.access.StaffIdentityProvider;
import org.safereport.escalation.persistence.CaseQueries;

/**
 * The case page that notifications link to ({@code /cases/<reference>}): the same record as the case
 * API, for a person reading it in a browser, after signing in. Read-only: acknowledging is the signed
 * link's job, closing the API's.
 */
@Path("/cases/{reference}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(StaffIdentityProvider.STAFF)
public class CasePageResource {

    private final CaseQueries queries;
    private final CaseDetails details;
    private final SecurityIdentity identity;
    private final Template casePage;

    CasePageResource(CaseQueries queries, CaseDetails details, SecurityIdentity identity, Template casePage) {
        this.queries = queries;
        this.details = details;
        this.identity = identity;
        this.casePage = casePage;
    }

    @GET
    public Response show(@PathParam("reference") String reference) {
        CaseViews.CaseDetail detail = details.visible(queries.historyByReference(reference), identity)
                .map(details::detail).orElse(null);
        return HtmlPages.page(detail == null ? 404 : 200, casePage.data("reference", reference).data("detail", detail).render());
    }
}
