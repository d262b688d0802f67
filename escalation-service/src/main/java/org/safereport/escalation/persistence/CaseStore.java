package org.safereport.escalation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Deadline;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.domain.routing.ReportFacts;
import org.safereport.escalation.domain.routing.Router;
import org.safereport.escalation.domain.routing.RoutingPlan;
import org.safereport.escalation.messaging.NotificationRequestedV1;
import org.safereport.escalation.messaging.ReportSubmitted;
import org.safereport.messaging.outbox.Outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Opens a case: the routing decision, its steps, its timeline and the first step's notification
 * requests, all in one transaction, so that a case never exists without its notifications or the
 * reverse.
 */
@ApplicationScoped
public class CaseStore {

    private static final Logger LOG = Logger.getLogger(CaseStore.class);
    private static final DateTimeFormatter DUE_FORMAT = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm zzz", Locale.UK);

    private final ActivePolicy activePolicy;
    private final Outbox outbox;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    CaseStore(ActivePolicy activePolicy, Outbox outbox, ObjectMapper objectMapper, Clock clock) {
        this.activePolicy = activePolicy;
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
        RoutingPolicy policy = activePolicy.policy();
        RoutingPlan plan = Router.route(new ReportFacts(report.category(), report.reporterEmail(), report.subjectEmail(),
                report.youngPersonAtRisk()), policy, activePolicy.directory(), now);

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
        escalationCase.directoryVersion = activePolicy.directory().version();
        escalationCase.submittedAt = report.submittedAt();
        escalationCase.openedAt = now;
        escalationCase.persist();

        for (RoutingPlan.Step step : plan.steps()) {
            for (Person person : step.recipients()) {
                persistStep(escalationCase, step, person, step.index() == 0 ? now : null);
            }
        }
        TimelineEntry.record(escalationCase.id, now, "ROUTED", explain(plan, escalationCase.directoryVersion));

        RoutingPlan.Step first = plan.firstStep();
        CategoryRule rule = policy.categories().get(plan.category());
        for (Person person : first.recipients()) {
            NotificationRequestedV1 request = newCaseRequest(escalationCase, rule, first, person, policy, now);
            outbox.add(NotificationRequestedV1.TOPIC, request.requestId().toString(), request.eventId(),
                    NotificationRequestedV1.TYPE, request);
            TimelineEntry.record(escalationCase.id, now, "NOTIFICATION_REQUESTED",
                    first.role() + " " + person.id() + " by " + String.join(" and ", request.channels()));
        }
        LOG.infof("Case %s opened: %s to %s (%d recipient(s)), acknowledgement due %s", escalationCase.reference,
                plan.category(), first.role(), first.recipients().size(), first.dueAt());
    }

    private static void persistStep(EscalationCase escalationCase, RoutingPlan.Step step, Person person, Instant notifiedAt) {
        CaseStep row = new CaseStep();
        row.id = UUID.randomUUID();
        row.caseId = escalationCase.id;
        row.stepIndex = step.index();
        row.role = step.role().name();
        row.personId = person.id();
        row.channels = step.channels().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        row.deadline = step.deadline().describe();
        row.dueAt = step.dueAt();
        row.notifiedAt = notifiedAt;
        row.persist();
    }

    private static NotificationRequestedV1 newCaseRequest(EscalationCase escalationCase, CategoryRule rule,
                                                          RoutingPlan.Step step, Person person, RoutingPolicy policy,
                                                          Instant now) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("categoryLabel", rule.label());
        data.put("urgency", rule.urgency());
        data.put("role", step.role().name());
        data.put("within", step.deadline().describe());
        data.put("dueAt", step.dueAt().toString());
        data.put("dueAtLocal", DUE_FORMAT.format(step.dueAt().atZone(policy.calendar().zone())));
        data.put("recipientAction", rule.recipientAction());
        // One request per case, step and person, whatever redelivery happens upstream.
        UUID requestId = UUID.nameUUIDFromBytes((escalationCase.id + "/" + step.index() + "/" + person.id())
                .getBytes(StandardCharsets.UTF_8));
        return new NotificationRequestedV1(UUID.randomUUID(), NotificationRequestedV1.TYPE,
                NotificationRequestedV1.SCHEMA_VERSION, now, requestId, escalationCase.reference,
                new NotificationRequestedV1.Recipient(person.id(), person.name(), person.email(), person.mobile()),
                step.channels().stream().map(Enum::name).sorted().toList(), NotificationRequestedV1.NEW_CASE, data,
                null, step.deadline().clock() == Deadline.Clock.WALL ? "HIGH" : "NORMAL");
    }

    /** The decision as the timeline keeps it: versions, and each step with its people and reasons. */
    private String explain(RoutingPlan plan, String directoryVersion) {
        record StepDecision(int index, String role, List<String> people, Instant dueAt, List<String> reasons) {
        }
        record Decision(String policyVersion, String policyHash, String directoryVersion, String routedCategory,
                        List<String> reasons, List<StepDecision> steps) {
        }
        Decision decision = new Decision(plan.policyVersion(), plan.policyHash(), directoryVersion, plan.category(),
                plan.reasons(), plan.steps().stream().map(step -> new StepDecision(step.index(), step.role().name(),
                        step.recipients().stream().map(Person::id).toList(), step.dueAt(), step.reasons())).toList());
        try {
            return objectMapper.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot record the routing decision", e);
        }
    }
}
