package org.safereport.intake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.safereport.testing.InJvmKafka;
import org.safereport.testing.KafkaTopics;

import java.util.Map;

/**
 * Publishes the routing policy (test data mirroring the bundled policy's 11 categories) to the real
 * test broker's {@code policy.public.v1} before the service starts, as the escalation service would.
 */
public class PolicyTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        InJvmKafka.bootstrapServers();
        KafkaTopics.send(TestData.POLICY_TOPIC, "routing-policy", TestData.policyJson());
        return Map.of();
    }

    @Override
    public void stop() {
        // The record stays on the topic, as a compacted topic keeps the policy in force.
    }
}
