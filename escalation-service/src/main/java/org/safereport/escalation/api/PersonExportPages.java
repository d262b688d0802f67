package org.safereport.escalation.api;

import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.safereport.escalation.client.IntakeReports;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.directory.EmailAddress;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.export.ExportArchive;
import org.safereport.escalation.export.PersonExport;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The Chief Executive's page to export everything SafeReport holds about one person, for a request under data
 * protection law: an address typed or a member of the directory chosen, and the ZIP downloads. Anyone else
 * signed in gets 403, like a page they may not use.
 */
@Path("/cases/people-export")
@Produces(MediaType.TEXT_HTML)
public class PersonExportPages {

    private static final Logger LOG = Logger.getLogger(PersonExportPages.class);

    private final CaseDetails details;
    private final ActivePolicy activePolicy;
    private final PersonExport export;
    private final ExportArchive archive;
    private final StaffMessages messages;
    private final SecurityIdentity identity;
    private final Template personExportForm;

    @Context
    HttpServerRequest request;

    PersonExportPages(CaseDetails details, ActivePolicy activePolicy, PersonExport export, ExportArchive archive,
                      StaffMessages messages, SecurityIdentity identity, Template personExportForm) {
        this.details = details;
        this.activePolicy = activePolicy;
        this.export = export;
        this.archive = archive;
        this.messages = messages;
        this.identity = identity;
        this.personExportForm = personExportForm;
    }

    @GET
    @Authenticated
    public Response form() {
        return chiefExecutive().map(me -> form(me, 200, Map.of(), null, null)).orElseGet(this::refused);
    }

    @POST
    @Authenticated
    @Produces({ExportDownload.ZIP, MediaType.TEXT_HTML})
    public Response download(@FormParam("email") String email, @FormParam("person") String personId) {
        Optional<Person> me = chiefExecutive();
        if (me.isEmpty()) {
            return refused();
        }
        boolean typed = email != null && !email.isBlank();
        boolean chosen = personId != null && !personId.isBlank();
        Optional<Person> person = chosen ? activePolicy.directory().byId(personId) : Optional.empty();
        if (typed && chosen) {
            return form(me.get(), 400, Map.of("email", "Give an email address or choose someone in the directory, not both"), email, personId);
        }
        if (chosen && person.isEmpty()) {
            return form(me.get(), 400, Map.of("email", "The person chosen is no longer in the directory: choose again or give their email address"), null, null);
        }
        String address = person.map(Person::email).orElse(email);
        Optional<String> problem = EmailAddress.problem(address);
        if (problem.isPresent()) {
            return form(me.get(), 400, Map.of("email", "The email address " + problem.get()), email, personId);
        }
        PersonExport.Prepared prepared;
        try {
            prepared = export.prepare(me.get(), ClientAddress.actor(identity, request), address);
        } catch (IntakeReports.Unavailable e) {
            LOG.warnf("Person export: the intake service could not be asked: %s", e.getMessage());
            return messages.intakeUnavailable("The export cannot be made just now");
        }
        LOG.infof("Person export %s made by %s", prepared.data().export().id(), me.get().id());
        return ExportDownload.of(archive, prepared);
    }

    private Response form(Person me, int status, Map<String, String> errors, String entered, String chosen) {
        return HtmlPages.page(status, personExportForm.data("me", me).data("errors", errors).data("entered", entered)
                .data("chosen", chosen)
                .data("people", activePolicy.directory().people().stream().sorted(Comparator.comparing(Person::name)).toList())
                .render());
    }

    private Optional<Person> chiefExecutive() {
        return details.staffMember(identity).filter(person -> person.holds(Role.CHIEF_EXECUTIVE));
    }

    private Response refused() {
        return details.staffMember(identity).isEmpty() ? messages.notInDirectory()
                : messages.show(403, "Only the Chief Executive exports a person's data",
                "A request for a person's data goes to the Chief Executive, who answers it from this page.");
    }
}
