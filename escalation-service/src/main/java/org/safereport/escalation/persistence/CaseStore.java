package org.safereport.escalation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.PolicyFiles;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.domain.routing.ReportFacts;
import org.safereport.escalation.domain.routing.Router;
import org.safereport.escalation.domain.routing.Explanation;
import org.safereport.escalation.domain.routing.RoutingPlan;
import org.safereport.escalation.messaging.CaseStatusV1;
import org.safereport.escalation.messaging.NotificationRequests;
import org.safereport.escalation.messaging.ReportSubmitted;
import org.safereport.messaging.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes cases: opening one (the routing decision, its tracks and steps, the timeline and the first
 * notification requests, in one transaction) and recording every later change with its timeline entry
 * and its {@code case.status} event.
 */
@ApplicationScoped
public class CaseStore {

    private static final Logger LOG = Logger.getLogger(CaseStore.class);

    private final ActivePolicy activePolicy;
    private final NotificationRequests notifications;
    private final Outbox outbox;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    CaseStore(ActivePolicy activePolicy, NotificationRequests notifications, Outbox outbox, ObjectMapper objectMapper,
              Clock clock) {
        this.activePolicy = activePolicy;
        this.notifications = notifications;
        this.outbox = outbox;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** Opens the case for {@code report} unless it already has one (a redelivered event). */
    @Transactional
    public void open(ReportSubmitted report) {
        if (EscalationCase.existsForReport(report.reportId())) {
            LOG.debugf("Report %s already has a case: event %s ignored", report.reference(), report.eventId());
            return;
        }
        Instant now = clock.instant();
        // One consistent pair for the whole decision, even if a reload happens meanwhile.
        PolicyFiles.Loaded active = activePolicy.current();
        RoutingPolicy policy = active.policy();
        Directory directory = active.directory();
        RoutingPlan plan = Router.route(new ReportFacts(report.category(), report.reporterEmail(), report.subjectEmail(),
                report.youngPersonAtRisk()), policy, directory, now);

        EscalationCase escalationCase = new EscalationCase();
        escalationCase.id = UUID.randomUUID();
        escalationCase.reportId = report.reportId();
        escalationCase.sourceEventId = report.eventId();
        escalationCase.reference = report.reference();
        escalationCase.category = report.category();
        escalationCase.routedCategory = plan.category();
        escalationCase.state = CaseState.NOTIFIED;
        escalationCase.policyVersion = plan.policyVersion();
        escalationCase.policyHash = plan.policyHash();
        escalationCase.directoryVersion = directory.version();
        escalationCase.subjectPersonId = report.subjectEmail() == null ? null
                : directory.byEmail(report.subjectEmail()).map(Person::id).orElse(null);
        escalationCase.reporterPersonId = report.reporterEmail() == null ? null
                : directory.byEmail(report.reporterEmail()).map(Person::id).orElse(null);
        escalationCase.submittedAt = report.submittedAt();
        escalationCase.openedAt = now;
        escalationCase.persist();

        // The rows with assigned ids first: Hibernate sends them in JDBC batches (statement-batch-size) when
        // the first timeline entry, whose id the database assigns, is inserted. Nothing here reads them back.
        Map<String, CaseTrack> tracks = new LinkedHashMap<>();
        Map<String, List<CaseStep>> firstSteps = new LinkedHashMap<>();
        for (RoutingPlan.Track planned : plan.tracks()) {
            CaseTrack track = new CaseTrack();
            track.id = UUID.randomUUID();
            track.caseId = escalationCase.id;
            track.name = planned.name();
            track.category = planned.category();
            track.state = TrackState.NOTIFIED;
            track.currentStep = 0;
            track.lastStep = planned.steps().size() - 1;
            track.nextDueAt = planned.firstStep().dueAt();
            track.reminderInterval = planned.reminderInterval().spec();
            track.persist();
            tracks.put(track.name, track);
            List<CaseStep> first = new ArrayList<>();
            for (RoutingPlan.Step step : planned.steps()) {
                for (Person person : step.recipients()) {
                    CaseStep row = persistStep(escalationCase, planned.name(), step, person, step.index() == 0 ? now : null);
                    if (step.index() == 0) {
                        first.add(row);
                    }
                }
            }
            // In the order CaseStep.atStep gives them, without asking the database (which would flush).
            first.sort(Comparator.comparing(row -> row.personId));
            firstSteps.put(track.name, first);
        }
        TimelineEntry.record(escalationCase.id, now, "ROUTED", explain(plan, escalationCase.directoryVersion));

        for (CaseTrack track : tracks.values()) {
            for (CaseStep step : firstSteps.get(track.name)) {
                Person person = directory.byId(step.personId).orElseThrow();
                notifications.requestForNewCase(escalationCase, track, step, person,
                        policy.categories().get(track.category), step.dueAt, policy.calendar());
                TimelineEntry.record(escalationCase.id, now, "NOTIFIED",
                        track.name + " step 0: " + step.role + " " + person.id() + " by " + step.channels);
            }
        }
        CaseTrack categoryTrack = tracks.get(RoutingPlan.CATEGORY_TRACK);
        publishStatus(escalationCase, categoryTrack, firstSteps.get(categoryTrack.name).get(0).role, now);
        RoutingPlan.Step first = plan.track(RoutingPlan.CATEGORY_TRACK).firstStep();
        LOG.infof("Case %s opened: %s to %s (%d recipient(s)), acknowledgement due %s%s", escalationCase.reference,
                plan.category(), first.role(), first.recipients().size(), first.dueAt(),
                plan.tracks().size() > 1 ? ", with the safeguarding chain" : "");
    }

    /** Recomputes the case's state from its tracks, records it if it changed, and tells the intake service. */
    void updateState(EscalationCase escalationCase, Instant now) {
        if (escalationCase.state == CaseState.CLOSED) {
            return;  // a late acknowledgement or delivery report does not reopen a closed case
        }
        List<CaseTrack> tracks = CaseTrack.forCase(escalationCase.id);
        CaseState state = CaseState.of(tracks.stream().map(track -> track.state).toList(),
                tracks.stream().anyMatch(track -> track.currentStep > 0));
        if (state != escalationCase.state) {
            TimelineEntry.record(escalationCase.id, now, "STATE", escalationCase.state + " -> " + state);
            escalationCase.state = state;
        }
        publishStatus(escalationCase, now);
    }

    /** What {@link #close} found. */
    public enum Closing { CLOSED, ALREADY_CLOSED, NOT_FOUND }

    /**
     * Closes a case: every chain stops, and the reporter's status page shows the outcome.
     *
     * @param outcome the outcome summary for the reporter
     * @param internalNote for staff only; may be {@code null}
     */
    @Transactional
    public Closing close(UUID caseId, String closedBy, String outcome, String internalNote) {
        // The tracks before the case, as the deadline engine and an acknowledgement take them (a track, then
        // its case): a close at the same moment as either waits for it rather than deadlocking with it.
        List<CaseTrack> tracks = CaseTrack.<CaseTrack>find("caseId = ?1 order by id", caseId)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
        EscalationCase escalationCase = EscalationCase.findById(caseId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (escalationCase == null) {
            return Closing.NOT_FOUND;
        }
        if (escalationCase.state == CaseState.CLOSED) {
            return Closing.ALREADY_CLOSED;
        }
        Instant now = clock.instant();
        for (CaseTrack track : tracks) {
            track.state = TrackState.CLOSED;
            track.nextDueAt = null;
        }
        escalationCase.state = CaseState.CLOSED;
        escalationCase.closedAt = now;
        escalationCase.closedBy = closedBy;
        escalationCase.outcome = outcome;
        escalationCase.internalNote = internalNote;
        TimelineEntry.record(caseId, now, "CLOSED", "closed by " + closedBy + ": " + outcome);
        publishStatus(escalationCase, now);
        LOG.infof("Case %s closed", escalationCase.reference);
        return Closing.CLOSED;
    }

    private void publishStatus(EscalationCase escalationCase, Instant now) {
        CaseTrack track = CaseTrack.find("caseId = ?1 and name = ?2", escalationCase.id, RoutingPlan.CATEGORY_TRACK).firstResult();
        publishStatus(escalationCase, track, CaseStep.atStep(escalationCase.id, track.name, track.currentStep).get(0).role, now);
    }

    /** @param stepRole the role at the category track's current step, whom the reporter's status page names */
    private void publishStatus(EscalationCase escalationCase, CaseTrack track, String stepRole, Instant now) {
        Role role = Role.valueOf(stepRole);
        boolean waiting = track.state != TrackState.ACKNOWLEDGED && escalationCase.state != CaseState.CLOSED;
        CaseStatusV1 status = new CaseStatusV1(UUID.randomUUID(), CaseStatusV1.TYPE, CaseStatusV1.SCHEMA_VERSION, now,
                escalationCase.reportId, escalationCase.reference, escalationCase.state.name(), role.name(), role.title(),
                waiting ? track.nextDueAt : null, escalationCase.outcome);
        outbox.add(CaseStatusV1.TOPIC, escalationCase.reportId.toString(), status.eventId(), CaseStatusV1.TYPE, status);
    }

    private static CaseStep persistStep(EscalationCase escalationCase, String track, RoutingPlan.Step step, Person person,
                                    Instant notifiedAt) {
        CaseStep row = new CaseStep();
        row.id = UUID.randomUUID();
        row.caseId = escalationCase.id;
        row.track = track;
        row.stepIndex = step.index();
        row.role = step.role().name();
        row.personId = person.id();
        row.channels = step.channels().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        row.deadline = step.deadline().describe();
        row.deadlineSpec = step.deadline().spec();
        row.dueAt = step.dueAt();
        row.notifiedAt = notifiedAt;
        row.persist();
        return row;
    }

    /** The decision as the timeline keeps it: versions, and each track's steps with their people and reasons. */
    private String explain(RoutingPlan plan, String directoryVersion) {
        try {
            return objectMapper.writeValueAsString(Explanation.of(plan, directoryVersion));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot record the routing decision", e);
        }
    }
}
