package org.safereport.intake.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.events.PolicyPublishedV1;
import org.safereport.intake.domain.PublicPolicy;
import org.safereport.intake.persistence.PolicyStore;
import org.safereport.messaging.consumer.EventReader;

/**
 * Reads {@code policy.public.v1} from its beginning on every start (a fresh consumer group, no committed
 * offsets) so that the form always offers the policy in force, and keeps the newest one.
 */
@ApplicationScoped
public class PolicyConsumer {

    private final EventReader events;
    private final PolicyStore policies;

    PolicyConsumer(EventReader events, PolicyStore policies) {
        this.events = events;
        this.policies = policies;
    }

    @Incoming("policy")
    @Blocking
    public void onPolicy(ConsumerRecord<String, String> record) {
        events.handle(record, PolicyPublishedV1.class, published -> policies.offer(PublicPolicy.of(published), record.value()));
    }
}
