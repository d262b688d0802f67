package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rendering against {@link SystemContract}: every topic of the contract has a KafkaTopic with
 * partitions, replicas and retention (compacted where the contract says so) that the brokers can hold;
 * each KafkaUser has exactly the topic ACLs the contract gives its service, and its group; each
 * Deployment sets every variable of the contract, secrets from Secrets.
 */
final class ContractChecks {

    private ContractChecks() {
    }

    static List<String> problems(Rendering rendering) {
        List<String> problems = new ArrayList<>();
        topics(rendering, problems);
        acls(rendering, problems);
        settings(rendering, problems);
        return problems;
    }

    private static void topics(Rendering rendering, List<String> problems) {
        int brokers = rendering.all(KafkaNodePool.class).stream()
                .filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(pool -> pool.getSpec().getReplicas()).sum();
        Object minInSync = rendering.all(Kafka.class).stream().findFirst()
                .map(kafka -> kafka.getSpec().getKafka().getConfig()).map(config -> config.get("min.insync.replicas")).orElse(null);
        for (SystemContract.Topic expected : SystemContract.topics()) {
            Optional<KafkaTopic> found = rendering.all(KafkaTopic.class).stream()
                    .filter(topic -> expected.name().equals(topic.getSpec().getTopicName() != null
                            ? topic.getSpec().getTopicName() : topic.getMetadata().getName()))
                    .findFirst();
            String subject = "KafkaTopic " + expected.name();
            if (found.isEmpty()) {
                problems.add("topic " + expected.name() + " (produced by " + expected.producers() + ") has no KafkaTopic");
                continue;
            }
            var spec = found.get().getSpec();
            Map<String, Object> config = spec.getConfig() == null ? Map.of() : spec.getConfig();
            if (spec.getPartitions() == null || spec.getPartitions() < 1) {
                problems.add(subject + " does not set its partitions");
            }
            if (spec.getReplicas() == null) {
                problems.add(subject + " does not set its replicas");
            } else {
                if (brokers > 0 && spec.getReplicas() > brokers) {
                    problems.add(subject + " has " + spec.getReplicas() + " replicas but the node pools have " + brokers + " brokers");
                }
                if (minInSync != null && Integer.parseInt(String.valueOf(minInSync)) > spec.getReplicas()) {
                    problems.add(subject + " has " + spec.getReplicas() + " replicas, fewer than min.insync.replicas " + minInSync
                            + ", so no producer with acks=all could write to it");
                }
            }
            if (!config.containsKey("retention.ms")) {
                problems.add(subject + " does not set retention.ms");
            }
            boolean compacted = String.valueOf(config.getOrDefault("cleanup.policy", "delete")).contains("compact");
            if (!compacted && !expected.deadLetters()) {
                outlivesPurge(rendering, expected.name(), config).ifPresent(problems::add);
            }
            if (compacted != expected.compacted()) {
                problems.add(subject + (expected.compacted() ? " must be compacted (cleanup.policy: compact)" : " must not be compacted"));
            }
        }
    }

    /**
     * The longest an event can live on Kafka: its topic's retention, then its dead-letter topic's. Issue 15: no
     * event may outlive the case it refers to, and the routing policy refuses a retention shorter than a month
     * (PolicyFiles.SHORTEST_RETENTION: 28 days in February).
     */
    static final long LONGEST_EVENT_LIFE_MS = 28L * 24 * 3600 * 1000;

    private static Optional<String> outlivesPurge(Rendering rendering, String topic, Map<String, Object> config) {
        long life = retentionMs(config) + topicConfig(rendering, topic + ".dlq").map(ContractChecks::retentionMs).orElse(0L);
        return life > LONGEST_EVENT_LIFE_MS || life < 0
                ? Optional.of("KafkaTopic " + topic + " with its dead letters keeps an event " + (life < 0 ? "for ever" : life + " ms")
                        + ", longer than the shortest retention period the routing policy allows (28 days)")
                : Optional.empty();
    }

    private static long retentionMs(Map<String, Object> config) {
        return Long.parseLong(String.valueOf(config.getOrDefault("retention.ms", "0")));
    }

    private static Optional<Map<String, Object>> topicConfig(Rendering rendering, String name) {
        return rendering.all(KafkaTopic.class).stream()
                .filter(topic -> name.equals(topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : topic.getMetadata().getName()))
                .findFirst().map(topic -> topic.getSpec().getConfig() == null ? Map.<String, Object>of() : topic.getSpec().getConfig());
    }

    private record Grant(String topic, AclOperation operation) implements Comparable<Grant> {
        @Override
        public int compareTo(Grant other) {
            return (topic + operation).compareTo(other.topic + other.operation);
        }

        @Override
        public String toString() {
            return operation.toValue() + " " + topic;
        }
    }

    private static void acls(Rendering rendering, List<String> problems) {
        for (String service : SystemContract.CONSUMER_GROUPS.keySet()) {
            Optional<KafkaUser> user = rendering.named(KafkaUser.class, service);
            if (user.isEmpty()) {
                problems.add(service + " has no KafkaUser");
                continue;
            }
            Set<Grant> expected = new TreeSet<>();
            for (SystemContract.Topic topic : SystemContract.topics()) {
                if (topic.producers().contains(service)) {
                    expected.add(new Grant(topic.name(), AclOperation.WRITE));
                }
                if (topic.consumers().contains(service)) {
                    expected.add(new Grant(topic.name(), AclOperation.READ));
                }
            }
            Set<Grant> granted = new TreeSet<>();
            for (AclRule rule : KafkaChecks.acls(user.get())) {
                if (rule.getResource() instanceof AclRuleTopicResource topic) {
                    for (AclOperation operation : rule.getOperations()) {
                        if (operation != AclOperation.DESCRIBE) {
                            granted.add(new Grant(topic.getName(), operation));
                        }
                    }
                }
            }
            Set<Grant> missing = new TreeSet<>(expected);
            missing.removeAll(granted);
            Set<Grant> extra = new TreeSet<>(granted);
            extra.removeAll(expected);
            if (!missing.isEmpty()) {
                problems.add("KafkaUser " + service + " lacks the ACLs " + missing + " that the topic contract gives it");
            }
            if (!extra.isEmpty()) {
                problems.add("KafkaUser " + service + " has ACLs " + extra + " beyond the topic contract");
            }
            String group = SystemContract.CONSUMER_GROUPS.get(service);
            if (!KafkaChecks.allows(user.get(), "group", group, AclOperation.READ)) {
                problems.add("KafkaUser " + service + " has no Read ACL on its consumer group " + group);
            }
        }
    }

    private static void settings(Rendering rendering, List<String> problems) {
        SystemContract.SETTINGS.forEach((service, settings) -> {
            Optional<Deployment> deployment = rendering.named(Deployment.class, service);
            if (deployment.isEmpty()) {
                return; // WorkloadChecks reports it.
            }
            var environment = ContainerEnvironment.of(deployment.get().getSpec().getTemplate().getSpec().getContainers().get(0), rendering);
            Optional.ofNullable(environment.get("QUARKUS_DATASOURCE_JDBC_URL")).flatMap(ContainerEnvironment.Variable::knownValue)
                    .map(url -> url.replaceFirst("^jdbc:postgresql://[^/]*/", "").replaceFirst("\\?.*$", ""))
                    .filter(database -> !database.equals(SystemContract.DATABASES.get(service)))
                    .ifPresent(database -> problems.add("Deployment " + service + " connects to database " + database
                            + ", but its own database is " + SystemContract.DATABASES.get(service)));
            for (SystemContract.Setting setting : settings) {
                ContainerEnvironment.Variable variable = environment.get(setting.variable());
                String subject = "Deployment " + service + " " + setting.variable();
                if (variable == null) {
                    problems.add(subject + " is not set, though the contract gives it to " + service);
                } else if (setting.secret() && !variable.fromSecret()) {
                    problems.add(subject + " must come from a Secret, not from " + variable.origin());
                } else if (!setting.secret() && variable.fromSecret()) {
                    problems.add(subject + " is not secret; it belongs in the service's ConfigMap, not " + variable.origin());
                } else if (variable.optional() && !SystemContract.OPTIONAL_SECRETS.contains(setting.variable())) {
                    problems.add(subject + " is optional, but the service needs it");
                }
            }
        });
    }
}
