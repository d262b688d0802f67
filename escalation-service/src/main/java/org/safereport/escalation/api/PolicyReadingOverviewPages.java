package org.safereport.escalation.api;

import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.reading.PolicyReadings;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The Chief Executive's page of who has confirmed reading the policy (when) and who has not (invited when, reminded
 * how often), for the version in force or an earlier one. Anyone else signed in gets 403, like the export.
 */
@Path("/cases/policy-reading")
@Produces(MediaType.TEXT_HTML)
public class PolicyReadingOverviewPages {

    private final CaseDetails details;
    private final PolicyReadings readings;
    private final ActivePolicy activePolicy;
    private final StaffMessages messages;
    private final SecurityIdentity identity;
    private final Template policyReading;
    private final Clock clock;

    PolicyReadingOverviewPages(CaseDetails details, PolicyReadings readings, ActivePolicy activePolicy, StaffMessages messages,
                               SecurityIdentity identity, Template policyReading, Clock clock) {
        this.details = details;
        this.readings = readings;
        this.activePolicy = activePolicy;
        this.messages = messages;
        this.identity = identity;
        this.policyReading = policyReading;
        this.clock = clock;
    }

    /** A row as the page shows it, the times in the policy's time zone. */
    record Row(String name, boolean inDirectory, String invited, int reminders, String lastSent, String confirmed) {
    }

    @GET
    @Authenticated
    public Response show(@QueryParam("version") String version) {
        Optional<Person> me = details.staffMember(identity).filter(person -> person.holds(Role.CHIEF_EXECUTIVE));
        if (me.isEmpty()) {
            return details.staffMember(identity).isEmpty() ? messages.notInDirectory()
                    : messages.show(403, "Only the Chief Executive sees who has read the policy",
                    "The Chief Executive follows who has confirmed reading the policy, from this page.");
        }
        Optional<String> asked = Optional.ofNullable(version).filter(v -> !v.isBlank());
        PolicyReadings.Overview overview = readings.overview(asked);
        if (asked.isPresent() && !overview.versions().contains(asked.get())) {
            return page(me.get(), 400, readings.overview(Optional.empty()),
                    Map.of("version", "There is no version " + asked.get() + ": choose one of the list"));
        }
        return page(me.get(), 200, overview, Map.of());
    }

    private Response page(Person me, int status, PolicyReadings.Overview overview, Map<String, String> errors) {
        LocalTimes times = new LocalTimes(activePolicy.policy().calendar().zone(), clock.instant());
        return HtmlPages.page(status, policyReading.data("me", me).data("errors", errors).data("overview", overview)
                .data("confirmed", overview.confirmed().stream().map(reader -> row(reader, times)).toList())
                .data("notConfirmed", overview.notConfirmed().stream().map(reader -> row(reader, times)).toList())
                .render());
    }

    private static Row row(PolicyReadings.Reader reader, LocalTimes times) {
        return new Row(reader.name(), reader.inDirectory(), times.brief(reader.invitedAt()), reader.remindersSent(),
                times.brief(reader.lastSentAt()), times.brief(reader.confirmedAt()));
    }
}
