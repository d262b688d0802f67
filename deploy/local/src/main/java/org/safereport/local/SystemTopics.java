package org.safereport.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The Kafka topics the services use, for a local or test broker (in Kubernetes, Strimzi KafkaTopics). */
public final class SystemTopics {

    private SystemTopics() {
    }

    /**
     * The topics the services use, created before any service starts, as Strimzi's KafkaTopics are in a
     * deployment. Left to auto-creation, a topic first written in the middle of a test appears while its
     * consumer group is rebalancing, and its first records can wait for the next rebalance.
     */
    public static final List<String> ALL = List.of("reports.submitted.v1", "notifications.requested.v1",
            "notifications.status.v1", "cases.status.v1", "cases.purged.v1", "policy.public.v1", "reports.replies.v1", "reports.submitted.v1.dlq",
            "notifications.requested.v1.dlq", "notifications.status.v1.dlq", "cases.status.v1.dlq", "cases.purged.v1.dlq",
            "policy.public.v1.dlq", "reports.replies.v1.dlq");

    /** Creates those of the system's topics that the broker does not have yet. */
    public static void create(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = ALL.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 3, (short) 1).configs(topic.equals("policy.public.v1")
                            ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the system's topics", e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("could not create the system's topics", e);
        }
    }

}
