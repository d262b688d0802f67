package org.safereport.escalation.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.safereport.escalation.acknowledgement.Acknowledgements;

import java.net.URI;
import java.util.Optional;

/** The short link a text message carries: it leads to the signed link's page while that link is valid. */
@Path("/a/{code}")
@Produces(MediaType.TEXT_HTML)
public class ShortLinkResource {

    private final Acknowledgements acknowledgements;
    private final AcknowledgementResource acknowledgementPage;

    ShortLinkResource(Acknowledgements acknowledgements, AcknowledgementResource acknowledgementPage) {
        this.acknowledgements = acknowledgements;
        this.acknowledgementPage = acknowledgementPage;
    }

    @GET
    public Response follow(@PathParam("code") String code) {
        return acknowledgements.tokenForShortCode(code)
                .map(token -> Response.seeOther(URI.create("/ack/" + token)).header("Cache-Control", "no-store")
                        .header("Referrer-Policy", "no-referrer").build())
                // The same "not valid" page as an expired signed link.
                .orElseGet(() -> acknowledgementPage.page(Optional.empty(), false));
    }
}
