package org.safereport.escalation.api;

import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Where the identity provider sends a person back after signing out (quarkus.oidc.logout.post-logout-path). */
@Path("/signed-out")
@Produces(MediaType.TEXT_HTML)
public class SignedOutPage {

    private final Template staffMessage;

    SignedOutPage(Template staffMessage) {
        this.staffMessage = staffMessage;
    }

    @GET
    public Response show() {
        return HtmlPages.page(200, staffMessage.data("title", "You have signed out")
                .data("message", "You have signed out of SafeReport, here and at your organisation's sign-in.")
                .data("signIn", true).data("signedIn", false).render());
    }
}
