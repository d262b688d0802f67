package org.safereport.escalation.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import org.safereport.escalation.access.StaffSignIn;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.access.CaseAccess;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.domain.routing.RoutingPlan;
import org.safereport.escalation.persistence.CaseQueries;
import org.safereport.escalation.persistence.CaseSealing;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.TimelineEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Turns stored cases into what staff see, in the API and on the case page, for the person signed in. */
@ApplicationScoped
public class CaseDetails {

    private final ActivePolicy activePolicy;
    private final ObjectMapper objectMapper;
    private final CaseSealing sealing;
    private final Clock clock;

    CaseDetails(ActivePolicy activePolicy, ObjectMapper objectMapper, CaseSealing sealing, Clock clock) {
        this.activePolicy = activePolicy;
        this.sealing = sealing;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** The person signed in: they are in the directory (StaffSignIn), unless a reload removed them since. */
    Person viewer(SecurityIdentity identity) {
        return person(identity).orElseThrow(NotFoundException::new);
    }

    /** The person signed in on a staff page, when they are a member of staff in the directory. */
    Optional<Person> staffMember(SecurityIdentity identity) {
        return identity.hasRole(StaffSignIn.STAFF) ? person(identity) : Optional.empty();
    }

    Optional<Person> person(SecurityIdentity identity) {
        return activePolicy.directory().byId(identity.getPrincipal().getName());
    }

    /** The case, if the person signed in may see it. */
    Optional<CaseQueries.CaseHistory> visible(Optional<CaseQueries.CaseHistory> history, SecurityIdentity identity) {
        Person viewer = viewer(identity);
        return history.filter(found -> CaseAccess.canSee(viewer, found.record().accessFacts()));
    }

    CaseViews.CaseSummary summary(CaseQueries.CaseRecord record, Instant now) {
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

    CaseViews.CaseDetail detail(CaseQueries.CaseHistory history) {
        var record = history.record();
        var escalationCase = record.escalationCase();
        Directory directory = activePolicy.directory();
        List<CaseViews.Track> tracks = record.tracks().stream().map(track -> new CaseViews.Track(track.name, track.category,
                track.state, track.currentStep, track.nextDueAt, track.acknowledgedBy, track.acknowledgedAt,
                track.setAsideAt, track.setAsideBecause, record.steps().stream().filter(step -> step.track.equals(track.name))
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
                escalationCase.closedAt, escalationCase.closedBy, escalationCase.outcome, sealing.open(escalationCase).internalNote());
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
