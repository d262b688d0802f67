package org.safereport.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the service under test at the real Kafka broker of {@link InJvmKafka}. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", InJvmKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker lives as long as the JVM: several Quarkus test applications may share it.
    }
}
