package org.safereport.escalation.api;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.removal.RemovalRequests;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The page behind the link in a removal request's email, for the person asked, who may be outside the
 * organisation and has no sign-in: what to remove and by when, and two answers, "I have removed it" and "I cannot
 * or will not remove it, because ...". GET only shows it, because mail scanners follow links; only a POST answers.
 */
@Path("/removal/{token}")
@Produces(MediaType.TEXT_HTML)
public class RemovalAnswerResource {

    private static final int REASON_MAX = 5_000;

    private final RemovalRequests removals;
    private final ActivePolicy activePolicy;
    private final Clock clock;
    private final Template removalAnswer;

    @Context
    HttpServerRequest request;

    RemovalAnswerResource(RemovalRequests removals, ActivePolicy activePolicy, Clock clock, Template removalAnswer) {
        this.removals = removals;
        this.activePolicy = activePolicy;
        this.clock = clock;
        this.removalAnswer = removalAnswer;
    }

    @GET
    public Response show(@PathParam("token") String token) {
        return page(removals.forAnswer(token), false, Map.of(), null);
    }

    @POST
    public Response answer(@PathParam("token") String token, @FormParam("answer") String answer, @FormParam("reason") String reason) {
        if ("removed".equals(answer)) {
            return page(removals.answerRemoved(token, ClientAddress.of(request)), true, Map.of(), null);
        }
        if (!"refused".equals(answer)) {
            // Beside the first answer's button: the error summary links to it.
            return page(removals.forAnswer(token), false, Map.of("removed", "Choose one of the two answers"), null);
        }
        String problem = reason == null || reason.isBlank() ? "Your reason is empty: say in a few words why you cannot or will not remove it"
                : reason.indexOf('\u0000') >= 0 ? "Your reason contains a character that cannot be stored (NUL)"
                : reason.strip().length() > REASON_MAX ? "Your reason is too long: at most " + REASON_MAX + " characters" : null;
        if (problem != null) {
            return page(removals.forAnswer(token), false, Map.of("reason", problem), reason);
        }
        return page(removals.answerRefused(token, reason.strip(), ClientAddress.of(request)), true, Map.of(), null);
    }

    private Response page(Optional<RemovalRequests.ForAnswer> removal, boolean afterButton, Map<String, String> errors, String reason) {
        LocalTimes times = new LocalTimes(activePolicy.policy().calendar().zone(), clock.instant());
        TemplateInstance page = removalAnswer.data("removal", removal.orElse(null))
                .data("due", removal.map(found -> times.describe(found.dueAt())).orElse(null))
                .data("afterButton", afterButton)
                .data("errors", errors)
                .data("reason", reason);
        return HtmlPages.page(removal.isEmpty() ? 404 : errors.isEmpty() ? 200 : 400, page.render());
    }
}
