package org.safereport.intake.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.intake.domain.PublicPolicy;
import org.safereport.intake.persistence.PolicyStore;
import org.safereport.messaging.consumer.Redelivery;
import org.safereport.messaging.consumer.UnreadableMessageException;

import java.io.IOException;

/**
 * Reads {@code policy.public.v1} from its beginning on every start (a fresh consumer group, no committed
 * offsets) so that the form always offers the policy in force, and keeps the newest one.
 */
@ApplicationScoped
public class PolicyConsumer {

    private final ObjectMapper objectMapper;
    private final PolicyStore policies;
    private final Redelivery redelivery;

    PolicyConsumer(ObjectMapper objectMapper, PolicyStore policies, Redelivery redelivery) {
        this.objectMapper = objectMapper;
        this.policies = policies;
        this.redelivery = redelivery;
    }

    @Incoming("policy")
    @Blocking
    public void onPolicy(String payload) {
        PublicPolicy policy = read(payload);
        redelivery.untilHandled("policy " + policy.version(), () -> policies.offer(policy, payload));
    }

    private PublicPolicy read(String payload) {
        try {
            PolicyPublished event = objectMapper.readValue(payload, PolicyPublished.class);
            if (event == null) {
                throw new IllegalArgumentException("empty message");
            }
            return event.toPolicy();
        } catch (IOException | RuntimeException e) {
            throw new UnreadableMessageException("not a readable policy.published event: " + e.getMessage(), e);
        }
    }
}
