package org.safereport.escalation.api;

import org.safereport.escalation.access.StaffSignIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.domain.routing.Explanation;
import org.safereport.escalation.domain.routing.ReportFacts;
import org.safereport.escalation.domain.routing.Router;
import org.safereport.problem.InvalidFieldException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * The policy in force, and what it would decide for a report without creating anything: lets the Chief
 * Executive and ops check a policy or directory change before it goes live.
 */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final ActivePolicy activePolicy;
    private final Clock clock;

    PolicyResource(ActivePolicy activePolicy, Clock clock) {
        this.activePolicy = activePolicy;
        this.clock = clock;
    }

    /** The active policy: version, hash, approval and review dates, and each category's chain. */
    public record PolicySummary(String version, String sha256, LocalDate approvedOn, LocalDate reviewDue, String timeZone,
                                String directoryVersion, List<CategorySummary> categories) {
    }

    public record CategorySummary(String code, String label, String firstRecipient, String within, List<String> channels,
                                  List<String> chain) {
    }

    @GET
    public PolicySummary policy() {
        RoutingPolicy policy = activePolicy.policy();
        return new PolicySummary(policy.version(), policy.contentHash(), policy.approvedOn(), policy.reviewDue(),
                policy.calendar().zone().getId(), activePolicy.directory().version(),
                policy.categories().values().stream().sorted(Comparator.comparing(CategoryRule::code))
                        .map(PolicyResource::summary).toList());
    }

    private static CategorySummary summary(CategoryRule rule) {
        return new CategorySummary(rule.code(), rule.label(), rule.firstRecipient().name(), rule.deadline().describe(),
                rule.channels().stream().map(Enum::name).sorted().toList(),
                rule.chain().stream().map(step -> step.role() + " (" + step.deadline().describe() + ")").toList());
    }

    /**
     * The plan the policy gives a report, with every reason.
     *
     * @param reporter the reporter's work email; leave out for an anonymous report
     * @param subject the work email of the member the report is about
     * @param at when the report is made (ISO-8601 instant); now if left out
     */
    @GET
    @RolesAllowed(StaffSignIn.STAFF)  // the plan names people
    @SecurityRequirement(name = CasesResource.STAFF_SIGN_IN)
    @Path("explain")
    @APIResponse(responseCode = "200", description = "The plan, with every reason")
    @APIResponse(responseCode = "400", description = "The category is missing, or a parameter cannot be read; each is named")
    public Explanation explain(@QueryParam("category") @Parameter(required = true) String category,
                               @QueryParam("reporter") String reporter,
                               @QueryParam("subject") String subject,
                               @QueryParam("youngPersonAtRisk") @DefaultValue("false") boolean youngPersonAtRisk,
                               @QueryParam("at") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) String at) {
        if (category == null || category.isBlank()) {
            throw new InvalidFieldException("category", "is required: one of the policy's category codes");
        }
        Instant when = parseInstant(at);
        return Explanation.of(Router.route(new ReportFacts(category, blankToNull(reporter), blankToNull(subject),
                youngPersonAtRisk), activePolicy.policy(), activePolicy.directory(), when), activePolicy.directory().version());
    }

    private Instant parseInstant(String at) {
        if (at == null || at.isBlank()) {
            return clock.instant();
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("at", "must be an ISO-8601 instant such as 2026-11-25T12:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
