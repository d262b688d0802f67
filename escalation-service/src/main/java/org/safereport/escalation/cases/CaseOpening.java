package org.safereport.escalation.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.PolicyFiles;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.domain.routing.Explanation;
import org.safereport.escalation.domain.routing.ReportFacts;
import org.safereport.escalation.domain.routing.Router;
import org.safereport.escalation.domain.routing.RoutingPlan;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.events.ReportSubmittedV1;

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
 * Opens a case for a submitted report, in one transaction: the routing decision, its chains (tracks) and
 * steps, the timeline, the first notification requests and the status for the reporter's page.
 */
@ApplicationScoped
public class CaseOpening {

    private static final Logger LOG = Logger.getLogger(CaseOpening.class);

    private final ActivePolicy activePolicy;
    private final CaseNotifications notifications;
    private final CaseProgress progress;
    private final ObjectMapper objectMapper;
    private final MeterRegistry meters;
    private final Clock clock;

    CaseOpening(ActivePolicy activePolicy, CaseNotifications notifications, CaseProgress progress, ObjectMapper objectMapper,
                MeterRegistry meters, Clock clock) {
        this.activePolicy = activePolicy;
        this.notifications = notifications;
        this.progress = progress;
        this.objectMapper = objectMapper;
        this.meters = meters;
        this.clock = clock;
    }

    /** Opens the case for {@code report} unless it already has one (a redelivered event). */
    @Transactional
    public void open(ReportSubmittedV1 report) {
        if (EscalationCase.existsForReport(report.reportId())) {
            LOG.debugf("Report %s already has a case: event %s ignored", report.reference(), report.eventId());
            return;
        }
        Instant now = clock.instant();
        // One consistent pair for the whole decision, even if a reload happens meanwhile.
        PolicyFiles.Loaded active = activePolicy.current();
        RoutingPolicy policy = active.policy();
        Directory directory = active.directory();
        // Deadlines count from the submission, as the reporter was told, however late the event arrives (a
        // broker outage); never from a submission time ahead of this clock, which would only delay them.
        Instant submitted = report.submittedAt().isAfter(now) ? now : report.submittedAt();
        RoutingPlan plan = Router.route(new ReportFacts(report.category(), report.reporterEmail(), report.subjectEmail(),
                report.youngPersonAtRisk()), policy, directory, submitted);

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
                notifications.askForResponseOnNewCase(new CaseNotifications.Addressee(escalationCase, track, step, person), policy);
                TimelineEntry.record(escalationCase.id, now, "NOTIFIED",
                        track.name + " step 0: " + step.role + " " + person.id() + " by " + step.channels);
            }
        }
        CaseTrack categoryTrack = tracks.get(RoutingPlan.CATEGORY_TRACK);
        progress.publish(escalationCase, categoryTrack, firstSteps.get(categoryTrack.name).get(0).role, now);
        RoutingPlan.Step first = plan.track(RoutingPlan.CATEGORY_TRACK).firstStep();
        meters.counter("escalation.cases.opened", "category", plan.category()).increment();
        LOG.infof("Case %s opened: %s to %s (%d recipient(s)), acknowledgement due %s%s", escalationCase.reference,
                plan.category(), first.role(), first.recipients().size(), first.dueAt(),
                plan.tracks().size() > 1 ? ", with the safeguarding chain" : "");
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
