package org.safereport.escalation.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.events.PolicyPublishedV1;
import org.safereport.messaging.outbox.Outbox;
import org.safereport.time.WorkingCalendar;

import java.time.Clock;
import java.util.UUID;

/**
 * Each time a policy comes into force (at start and at each change), publishes its public part on
 * {@value PolicyPublishedV1#TOPIC} for the report form: labels, guidance, who looks at a report and how
 * fast, never a name from the people directory.
 */
@ApplicationScoped
public class PolicyPublisher {

    private final Outbox outbox;
    private final Clock clock;

    PolicyPublisher(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    void publish(@Observes ActivePolicy.PolicyInForce inForce) {
        PolicyPublishedV1 event = publicPart(inForce.policy());
        QuarkusTransaction.requiringNew().run(() -> outbox.add(PolicyPublishedV1.KEY, event));
    }

    private PolicyPublishedV1 publicPart(RoutingPolicy policy) {
        WorkingCalendar calendar = policy.calendar();
        return new PolicyPublishedV1(UUID.randomUUID(), PolicyPublishedV1.TYPE, PolicyPublishedV1.SCHEMA_VERSION,
                clock.instant(), policy.version(), policy.contentHash(), policy.approvedOn(), policy.reviewDue(),
                new PolicyPublishedV1.Calendar(calendar.zone().getId(), calendar.days().stream().sorted().toList(),
                        calendar.start(), calendar.end(), calendar.bankHolidays().stream().sorted().toList()),
                policy.fallbackCategory(), policy.safeguardingOverlayCategory(),
                policy.categories().values().stream().map(PolicyPublisher::category).toList());
    }

    private static PolicyPublishedV1.Category category(CategoryRule rule) {
        Role ifAnonymous = rule.firstRecipient() == Role.LINE_MANAGER ? Role.CHIEF_EXECUTIVE : rule.firstRecipient();
        return new PolicyPublishedV1.Category(rule.code(), rule.label(), rule.hint(), rule.guidance(),
                rule.firstRecipient().name(), rule.firstRecipient().title(), ifAnonymous.title(),
                new PolicyPublishedV1.Deadline(rule.deadline().within().toString(), rule.deadline().clock().name()),
                rule.deadline().describe());
    }
}
