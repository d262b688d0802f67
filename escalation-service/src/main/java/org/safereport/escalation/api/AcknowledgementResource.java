package org.safereport.escalation.api;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.safereport.escalation.acknowledgement.Acknowledgements;

import java.util.Optional;

/**
 * The page behind the link in every notification. GET only shows the case and an "I've got this"
 * button, because mail scanners follow links; only the POST of that button acknowledges.
 */
@Path("/ack/{token}")
@Produces(MediaType.TEXT_HTML)
public class AcknowledgementResource {

    private final Acknowledgements acknowledgements;
    private final Template acknowledgement;

    @Context
    HttpServerRequest request;

    AcknowledgementResource(Acknowledgements acknowledgements, Template acknowledgement) {
        this.acknowledgements = acknowledgements;
        this.acknowledgement = acknowledgement;
    }

    @GET
    public Response show(@PathParam("token") String token) {
        return page(acknowledgements.summary(token), false);
    }

    @POST
    public Response acknowledge(@PathParam("token") String token) {
        return page(acknowledgements.acknowledge(token, ClientAddress.of(request)), true);
    }

    Response page(Optional<Acknowledgements.Summary> summary, boolean afterButton) {
        TemplateInstance page = acknowledgement.data("summary", summary.orElse(null)).data("afterButton", afterButton);
        return HtmlPages.page(summary.isPresent() ? 200 : 404, page.render());
    }
}
