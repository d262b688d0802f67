package org.safereport.escalation.api;

import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.reading.PolicyReadings;

import java.time.Clock;
import java.util.Optional;

/**
 * The page behind the link in a "policy to read" email: the policy, and "I have read and understood it". Like the
 * acknowledgement page, GET only shows it (mail scanners follow links); only the button's POST confirms.
 */
@Path("/read/{token}")
@Produces(MediaType.TEXT_HTML)
public class PolicyReadingPages {

    private final PolicyReadings readings;
    private final ActivePolicy activePolicy;
    private final Template policyToRead;
    private final Clock clock;

    @Context
    HttpServerRequest request;

    PolicyReadingPages(PolicyReadings readings, ActivePolicy activePolicy, Template policyToRead, Clock clock) {
        this.readings = readings;
        this.activePolicy = activePolicy;
        this.policyToRead = policyToRead;
        this.clock = clock;
    }

    @GET
    public Response show(@PathParam("token") String token) {
        return page(readings.invitation(token), false);
    }

    @POST
    public Response confirm(@PathParam("token") String token) {
        Optional<PolicyReadings.Confirmation> confirmation = readings.confirm(token, ClientAddress.of(request));
        return page(confirmation.map(PolicyReadings.Confirmation::invitation), confirmation.filter(PolicyReadings.Confirmation::confirmedNow).isPresent());
    }

    private Response page(Optional<PolicyReadings.Invitation> invitation, boolean confirmedNow) {
        if (invitation.isEmpty()) {
            return HtmlPages.page(404, policyToRead.data("invitation", null).render());
        }
        PolicyReadings.Invitation found = invitation.get();
        LocalTimes times = new LocalTimes(found.policy().calendar().zone(), clock.instant());
        return HtmlPages.page(200, policyToRead.data("invitation", found)
                .data("name", found.person().map(Person::name).orElse(""))
                .data("confirmedNow", confirmedNow)
                .data("confirmedAt", times.describe(found.reading().confirmedAt))
                .data("text", PolicyPage.text(activePolicy.policyText()))
                .data("whoToTell", PolicyPage.whoToTell(found.policy()))
                .render());
    }
}
