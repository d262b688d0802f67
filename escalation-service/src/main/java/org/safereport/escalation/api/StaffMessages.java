package org.safereport.escalation.api;

import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** The one-message pages a signed-in member of staff may get instead of the page they asked for. */
@ApplicationScoped
class StaffMessages {

    private final Template staffMessage;

    StaffMessages(Template staffMessage) {
        this.staffMessage = staffMessage;
    }

    Response show(int status, String title, String message) {
        return HtmlPages.page(status, staffMessage.data("title", title).data("message", message)
                .data("signIn", false).data("signedIn", true).render());
    }

    Response notInDirectory() {
        return show(403, "You are not in SafeReport's people directory",
                "You signed in, but your email address is not in the people directory that the routing policy uses, so there is nothing you may see. Ask whoever looks after SafeReport to add you.");
    }

    Response intakeUnavailable(String title) {
        return show(503, title, "The service that keeps reports did not answer. Try again in a minute.");
    }
}
