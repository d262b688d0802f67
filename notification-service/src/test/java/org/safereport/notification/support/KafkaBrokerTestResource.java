package org.safereport.notification.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.safereport.testing.KafkaTestResource;

import java.util.Map;

/**
 * {@link KafkaTestResource}, started with no thread context class loader, so that Kafka loads its plug-in
 * classes with the class loader of kafka-clients itself. Quarkus starts test resources on a thread whose
 * context class loader has another copy of kafka-clients, and a Kafka admin client created there (the test
 * broker creates the system's topics with one) fails with "JmxReporter cannot be cast to MetricsReporter".
 * The fix belongs in the testing module (see the notification branch's report); until then this wraps it.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            return new KafkaTestResource().start();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void stop() {
        // The broker lives as long as the JVM, as KafkaTestResource's does.
    }
}
