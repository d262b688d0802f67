package org.safereport.escalation.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.AcknowledgementToken;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.time.Deadline;
import org.safereport.time.WorkingCalendar;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.NotificationRecord;
import org.safereport.escalation.persistence.ShortLink;
import org.safereport.messaging.outbox.Outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asks the notification service to tell one person about a case, through the outbox (so the request is
 * committed with the case change that causes it). The data is what the templates show and no more
 * (rule 7): no description of the report and no reporter.
 */
@ApplicationScoped
public class NotificationRequests {

    /** The templates the notification service renders. */
    public static final String NEW_CASE = "new-case";
    public static final String ESCALATION = "escalation";
    public static final String REMINDER = "reminder";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String POLICY_REVIEW = "policy-review";

    private final Outbox outbox;
    private final EscalationConfig config;
    private final Clock clock;

    NotificationRequests(Outbox outbox, EscalationConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param dueAt when {@code person} must acknowledge by
     * @param extra template-specific values, e.g. who has acknowledged
     */
    public NotificationRequestedV1 request(String template, EscalationCase escalationCase, CaseTrack track,
                                           CaseStep step, Person person, CategoryRule rule, Instant dueAt, WorkingCalendar calendar,
                                           Map<String, String> extra) {
        return request(template, escalationCase, track, step, person, rule, dueAt, calendar, extra, false);
    }

    /**
     * The first request to a person on a case opened in this same transaction: no record of it can exist
     * yet, so none is looked up (a look-up would flush the case's rows and cost a round trip).
     */
    public NotificationRequestedV1 requestForNewCase(EscalationCase escalationCase, CaseTrack track, CaseStep step,
                                                     Person person, CategoryRule rule, Instant dueAt, WorkingCalendar calendar) {
        return request(NEW_CASE, escalationCase, track, step, person, rule, dueAt, calendar, Map.of(), true);
    }

    private NotificationRequestedV1 request(String template, EscalationCase escalationCase, CaseTrack track,
                                            CaseStep step, Person person, CategoryRule rule, Instant dueAt, WorkingCalendar calendar,
                                            Map<String, String> extra, boolean caseOpenedNow) {
        Instant now = clock.instant();
        Deadline deadline = Deadline.parse(step.deadlineSpec);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("categoryLabel", rule.label());
        data.put("urgency", rule.urgency());
        data.put("role", step.role);
        data.put("within", deadline.describe());
        data.put("dueAt", dueAt.toString());
        data.put("dueAtLocal", calendar.describe(dueAt));
        data.put("recipientAction", rule.recipientAction());
        data.putAll(extra);
        String link = null;
        if (!ACKNOWLEDGED.equals(template)) {
            String token = token(track, step.stepIndex, person.id(), now);
            link = publicBase() + "/ack/" + token;
            if (step.channels.contains("SMS")) {
                // The signed link does not fit a text message: the text carries a short code for it.
                data.put("shortAcknowledgementLink", publicBase() + "/a/"
                        + ShortLink.create(token, now.plus(config.acknowledgement().linkValidity())));
            }
        }
        // One request per case, track, step, person, template and deadline: redelivery upstream sends nothing twice.
        UUID requestId = UUID.nameUUIDFromBytes(String.join("/", escalationCase.id.toString(), track.name,
                Integer.toString(step.stepIndex), person.id(), template, dueAt.toString()).getBytes(StandardCharsets.UTF_8));
        List<String> channels = ACKNOWLEDGED.equals(template) ? List.of("EMAIL")
                : Arrays.stream(step.channels.split(",")).sorted().toList();
        NotificationRequestedV1 request = new NotificationRequestedV1(UUID.randomUUID(), NotificationRequestedV1.TYPE,
                NotificationRequestedV1.SCHEMA_VERSION, now, requestId, escalationCase.reference,
                new NotificationRequestedV1.Recipient(person.id(), person.name(), person.email(), person.mobile()),
                channels, template, data, link, deadline.clock() == Deadline.Clock.WALL ? "HIGH" : "NORMAL");
        // Keyed by case: one partition per case keeps its messages in order (the new case before "someone has it").
        outbox.add(NotificationRequestedV1.TOPIC, escalationCase.id.toString(), request.eventId(), NotificationRequestedV1.TYPE, request);
        if (caseOpenedNow || NotificationRecord.findById(requestId) == null) {
            NotificationRecord record = new NotificationRecord();
            record.requestId = requestId;
            record.caseId = escalationCase.id;
            record.track = track.name;
            record.stepIndex = step.stepIndex;
            record.personId = person.id();
            record.template = template;
            record.channels = String.join(",", channels);
            record.requestedAt = now;
            record.persist();
        }
        return request;
    }

    /**
     * Reminds {@code chair} that the policy's review is due. It is about no case: no case reference and no
     * acknowledgement link; keyed by the policy so that a policy's reminders stay in order.
     *
     * @param remindedOn the reminder's date, which makes the request unique per reminder
     */
    public NotificationRequestedV1 policyReview(Person chair, RoutingPolicy policy, Instant now) {
        UUID requestId = UUID.nameUUIDFromBytes(String.join("/", POLICY_REVIEW, policy.contentHash(), chair.id(),
                now.toString()).getBytes(StandardCharsets.UTF_8));
        Map<String, String> data = new LinkedHashMap<>();
        data.put("policyVersion", policy.version());
        data.put("approvedOn", policy.approvedOn().toString());
        data.put("reviewDue", policy.reviewDue().toString());
        NotificationRequestedV1 request = new NotificationRequestedV1(UUID.randomUUID(), NotificationRequestedV1.TYPE,
                NotificationRequestedV1.SCHEMA_VERSION, now, requestId, null,
                new NotificationRequestedV1.Recipient(chair.id(), chair.name(), chair.email(), chair.mobile()),
                List.of("EMAIL"), POLICY_REVIEW, data, null, "NORMAL");
        outbox.add(NotificationRequestedV1.TOPIC, "policy-" + policy.contentHash(), request.eventId(), NotificationRequestedV1.TYPE, request);
        return request;
    }

    private String token(CaseTrack track, int step, String personId, Instant now) {
        EscalationConfig.Acknowledgement acknowledgement = config.acknowledgement();
        return new AcknowledgementToken(track.id, step, personId, now.plus(acknowledgement.linkValidity()))
                .sign(acknowledgement.signingKeyBytes());
    }

    private String publicBase() {
        return config.publicBaseUrl().replaceAll("/+$", "");
    }
}
