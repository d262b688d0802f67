package org.safereport.escalation.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.safereport.escalation.access.StaffIdentityProvider;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.access.CaseAccess;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.persistence.CaseQueries;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseStore;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.escalation.domain.routing.RoutingPlan;
import org.safereport.problem.InvalidFieldException;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Cases for staff, signed in with HTTP Basic: the Chief Executive sees every case, the DSL and deputy the
 * safeguarding cases, anyone else the cases sent to them, and nobody a case about themselves. A case a
 * person may not see answers 404, as one that does not exist.
 */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffIdentityProvider.STAFF)
public class CasesResource {

    private final CaseQueries queries;
    private final CaseStore cases;
    private final ActivePolicy activePolicy;
    private final SecurityIdentity identity;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    CasesResource(CaseQueries queries, CaseStore cases, ActivePolicy activePolicy, SecurityIdentity identity,
                  ObjectMapper objectMapper, Clock clock) {
        this.queries = queries;
        this.cases = cases;
        this.activePolicy = activePolicy;
        this.identity = identity;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /**
     * @param outcome the outcome summary the reporter will see on their status page
     * @param internalNote for staff only
     */
    public record CloseRequest(@NotBlank @Size(max = 2000) String outcome, @Size(max = 10000) String internalNote) {
    }

    /** The cases this person may see, newest first. */
    @GET
    public List<CaseViews.CaseSummary> list(@QueryParam("state") String state, @QueryParam("category") String category,
                                            @QueryParam("overdue") Boolean overdue,
                                            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        Optional<CaseState> stateFilter = Optional.ofNullable(state).map(value -> parseState(value));
        Person viewer = viewer();
        Instant now = clock.instant();
        return queries.recent(stateFilter, Optional.ofNullable(category), limit).stream()
                .filter(record -> CaseAccess.canSee(viewer, record.accessFacts()))
                .filter(record -> overdue == null || record.isOverdue(now) == overdue)
                .map(record -> summary(record, now))
                .toList();
    }

    @GET
    @Path("{id}")
    public CaseViews.CaseDetail get(@PathParam("id") UUID id) {
        return detail(visibleHistory(id));
    }

    /** Closes the case with an outcome: every chain stops and the reporter's status page shows the outcome. */
    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    public CaseViews.CaseDetail close(@PathParam("id") UUID id, @Valid @NotNull CloseRequest request) {
        visibleHistory(id);
        CaseStore.Closing closing = cases.close(id, viewer().id(), request.outcome().strip(), request.internalNote());
        if (closing == CaseStore.Closing.ALREADY_CLOSED) {
            throw new ClientErrorException("This case is already closed.", Response.Status.CONFLICT);
        }
        return detail(visibleHistory(id));
    }

    private Person viewer() {
        // Signed in means in the directory (StaffIdentityProvider); a reload may have removed them since.
        return activePolicy.directory().byId(identity.getPrincipal().getName()).orElseThrow(NotFoundException::new);
    }

    private CaseQueries.CaseHistory visibleHistory(UUID id) {
        return queries.history(id)
                .filter(history -> CaseAccess.canSee(viewer(), history.record().accessFacts()))
                .orElseThrow(() -> new NotFoundException("No case " + id + " that you may see."));
    }

    private static CaseState parseState(String value) {
        try {
            return CaseState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("state", "must be one of " + Arrays.toString(CaseState.values()));
        }
    }

    private CaseViews.CaseSummary summary(CaseQueries.CaseRecord record, Instant now) {
        var escalationCase = record.escalationCase();
        RoutingPolicy policy = activePolicy.policy();
        String label = policy.category(escalationCase.routedCategory).map(CategoryRule::label).orElse(escalationCase.routedCategory);
        Optional<CaseTrack> categoryTrack = record.tracks().stream()
                .filter(track -> RoutingPlan.CATEGORY_TRACK.equals(track.name)).findFirst();
        String withRole = categoryTrack.flatMap(track -> record.steps().stream()
                .filter(step -> step.track.equals(track.name) && step.stepIndex == track.currentStep)
                .map(step -> step.role).findFirst()).orElse(null);
        return new CaseViews.CaseSummary(escalationCase.id, escalationCase.reference, escalationCase.routedCategory, label,
                escalationCase.state, escalationCase.submittedAt, escalationCase.openedAt, withRole,
                categoryTrack.map(track -> track.nextDueAt).orElse(null), record.isOverdue(now));
    }

    private CaseViews.CaseDetail detail(CaseQueries.CaseHistory history) {
        var record = history.record();
        var escalationCase = record.escalationCase();
        Directory directory = activePolicy.directory();
        List<CaseViews.Track> tracks = record.tracks().stream().map(track -> new CaseViews.Track(track.name, track.category,
                track.state, track.currentStep, track.nextDueAt, track.acknowledgedBy, track.acknowledgedAt,
                record.steps().stream().filter(step -> step.track.equals(track.name))
                        .map(step -> step(step, directory)).toList())).toList();
        List<CaseViews.Notification> notifications = history.notifications().stream().map(request ->
                new CaseViews.Notification(request.requestId, request.template, request.track, request.stepIndex,
                        request.personId, request.channelList(), request.requestedAt,
                        history.outcomes().getOrDefault(request.requestId, List.of()).stream()
                                .map(outcome -> new CaseViews.Delivery(outcome.key.channel(), outcome.outcome,
                                        outcome.permanent, outcome.reason, outcome.attempts, outcome.reportedAt))
                                .toList())).toList();
        List<TimelineEntry> timeline = history.timeline();
        JsonNode decision = timeline.stream().filter(entry -> "ROUTED".equals(entry.kind)).findFirst()
                .map(entry -> readJson(entry.detail)).orElse(null);
        return new CaseViews.CaseDetail(summary(record, clock.instant()), escalationCase.policyVersion,
                escalationCase.policyHash, escalationCase.directoryVersion, decision, tracks, notifications,
                timeline.stream().map(entry -> new CaseViews.TimelineItem(entry.at, entry.kind,
                        "ROUTED".equals(entry.kind) ? "routed: see decision" : entry.detail)).toList(),
                escalationCase.closedAt, escalationCase.closedBy, escalationCase.outcome, escalationCase.internalNote);
    }

    private static CaseViews.Step step(CaseStep step, Directory directory) {
        return new CaseViews.Step(step.stepIndex, step.role, step.personId,
                directory.byId(step.personId).map(Person::name).orElse(null), List.of(step.channels.split(",")),
                step.deadline, step.dueAt, step.notifiedAt);
    }

    private JsonNode readJson(String json) {
        try {
            return objectMapper.readTree(json);
        } catch (JsonProcessingException e) {
            return objectMapper.getNodeFactory().textNode(json);
        }
    }
}
