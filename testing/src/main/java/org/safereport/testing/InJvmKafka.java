package org.safereport.testing;



import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.safereport.local.SystemTopics;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real KRaft Kafka broker inside the test JVM (one combined broker and controller from Kafka's own test
 * kit), started once per JVM. Set {@value #EXTERNAL} (system property or environment variable
 * {@code TEST_KAFKA_BOOTSTRAP_SERVERS}) to use a running broker instead.
 */
public final class InJvmKafka {

    public static final String EXTERNAL = "test.kafka.bootstrap-servers";

    private static KafkaClusterTestKit cluster;
    private static String bootstrapServers;

    private InJvmKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = External.setting(EXTERNAL);
            bootstrapServers = external != null ? external : startCluster();
            // Created up front, as in a deployment: see SystemTopics.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            // Kafka loads its plug-ins (JmxReporter) through the context class loader, and Quarkus starts test
            // resources on a thread whose context class loader has another copy of kafka-clients.
            thread.setContextClassLoader(null);
            try {
                SystemTopics.create(bootstrapServers);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        return bootstrapServers;
    }

    private static String startCluster() {
        // While the JVM exits, the broker can find its log folder already gone and "halt" the JVM with
        // status 1, which fails a test run whose tests all passed; a broker in trouble during a test shows
        // in that test instead.
        Exit.setHaltProcedure((status, message) -> { });
        Exit.setExitProcedure((status, message) -> { });
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(InJvmKafka::stop, "in-jvm-kafka-stop"));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
    }

    private static synchronized void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                // The JVM is exiting; a broker that does not close cleanly leaves only a temp folder.
            }
            cluster = null;
        }
    }
}
