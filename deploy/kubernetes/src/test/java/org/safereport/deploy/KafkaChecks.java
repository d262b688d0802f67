package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.KafkaUserTlsClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kafka as the services use it: every topic a service's production configuration names has a KafkaTopic
 * and an ACL for that service (Read to consume, Write to produce), every consumer group an ACL; no
 * KafkaUser may do more than its ACLs on existing topics; and each service connects to a listener the
 * way that listener expects (TLS, and the KafkaUser's kind of authentication).
 */
final class KafkaChecks {

    private KafkaChecks() {
    }

    static List<String> problems(Rendering rendering, SourceTree sources) {
        List<String> problems = new ArrayList<>();
        Set<String> topics = topicNames(rendering);
        for (ServiceSources service : sources.services()) {
            Optional<KafkaUser> user = rendering.named(KafkaUser.class, service.name());
            if (user.isEmpty()) {
                problems.add(service.name() + " has no KafkaUser of the same name");
            }
            for (ServiceSources.TopicUse use : service.topicUses()) {
                String needs = service.name() + " " + (use.access() == ServiceSources.Access.READ ? "reads" : "writes")
                        + " topic " + use.topic() + " (" + use.declaredBy() + ")";
                if (!topics.contains(use.topic())) {
                    problems.add(needs + " but there is no KafkaTopic " + use.topic());
                }
                AclOperation operation = use.access() == ServiceSources.Access.READ ? AclOperation.READ : AclOperation.WRITE;
                if (user.isPresent() && !allows(user.get(), "topic", use.topic(), operation)) {
                    problems.add(needs + " but KafkaUser " + service.name() + " has no " + operation.toValue() + " ACL on it");
                }
            }
            for (String group : service.consumerGroups()) {
                if (user.isPresent() && !allows(user.get(), "group", group, AclOperation.READ)) {
                    problems.add(service.name() + " consumes as group " + group + " but KafkaUser " + service.name()
                            + " has no Read ACL on that group");
                }
            }
            rendering.named(Deployment.class, service.name()).ifPresent(deployment ->
                    connection(service, deployment, user, rendering, problems));
        }
        for (KafkaUser user : rendering.all(KafkaUser.class)) {
            aclsNameOnlyExistingTopics(user, topics, problems);
        }
        return problems;
    }

    static Set<String> topicNames(Rendering rendering) {
        Set<String> names = new TreeSet<>();
        for (KafkaTopic topic : rendering.all(KafkaTopic.class)) {
            String topicName = topic.getSpec().getTopicName();
            names.add(topicName != null ? topicName : topic.getMetadata().getName());
        }
        return names;
    }

    static boolean allows(KafkaUser user, String resourceType, String name, AclOperation operation) {
        return acls(user).stream()
                .filter(rule -> rule.getOperations().contains(operation) || rule.getOperations().contains(AclOperation.ALL))
                .anyMatch(rule -> {
                    if (resourceType.equals("topic") && rule.getResource() instanceof AclRuleTopicResource topic) {
                        return covers(topic.getName(), topic.getPatternType(), name);
                    }
                    if (resourceType.equals("group") && rule.getResource() instanceof AclRuleGroupResource group) {
                        return covers(group.getName(), group.getPatternType(), name);
                    }
                    return false;
                });
    }

    /**
     * Whether an ACL's resource pattern covers {@code name}. A name with a ${...} expression (a group id
     * made unique per pod) is known only up to the expression, so only a prefix ACL can cover it.
     */
    static boolean covers(String pattern, AclResourcePatternType type, String name) {
        int expression = name.indexOf("${");
        if (expression >= 0) {
            return type == AclResourcePatternType.PREFIX && name.substring(0, expression).startsWith(pattern);
        }
        return type == AclResourcePatternType.PREFIX ? name.startsWith(pattern) : pattern.equals(name);
    }

    static List<AclRule> acls(KafkaUser user) {
        return user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple ? simple.getAcls() : List.of();
    }

    /** Least privilege: each topic ACL is literal and names a KafkaTopic; no user has a wildcard. */
    private static void aclsNameOnlyExistingTopics(KafkaUser user, Set<String> topics, List<String> problems) {
        String subject = "KafkaUser " + user.getMetadata().getName();
        if (!(user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple)) {
            problems.add(subject + " has no simple authorization, so its ACLs are not enforced as written");
        }
        for (AclRule rule : acls(user)) {
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                if (topic.getPatternType() != AclResourcePatternType.LITERAL || "*".equals(topic.getName())) {
                    problems.add(subject + " has a " + topic.getPatternType().toValue() + " ACL on topics " + topic.getName()
                            + "; grant each topic by name");
                } else if (!topics.contains(topic.getName())) {
                    problems.add(subject + " has an ACL on topic " + topic.getName() + ", which has no KafkaTopic");
                }
            } else if (rule.getResource() instanceof AclRuleGroupResource group) {
                // Its own groups only: ids that start with the service's name without "-service" ("intake-"),
                // by name or, for per-pod groups, by a prefix that is at least that long.
                String own = user.getMetadata().getName().replaceFirst("-service$", "") + "-";
                boolean ownGroup = group.getName().startsWith(own)
                        && (group.getPatternType() == AclResourcePatternType.LITERAL || group.getPatternType() == AclResourcePatternType.PREFIX);
                if (!ownGroup) {
                    problems.add(subject + " has a " + group.getPatternType().toValue() + " ACL on groups " + group.getName()
                            + "; grant only its own groups (ids starting with " + own + ")");
                }
            }
        }
    }

    /** The service's bootstrap address and prod security settings match the listener and the KafkaUser. */
    private static void connection(ServiceSources service, Deployment deployment, Optional<KafkaUser> user,
                                   Rendering rendering, List<String> problems) {
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Optional<String> bootstrap = Optional.ofNullable(ContainerEnvironment.of(container, rendering).get("KAFKA_BOOTSTRAP_SERVERS"))
                .flatMap(ContainerEnvironment.Variable::knownValue)
                .or(() -> service.value("kafka.bootstrap.servers"));
        if (bootstrap.isEmpty()) {
            return; // ConfigurationChecks reports the missing setting.
        }
        Optional<GenericKafkaListener> listener = listenerAt(bootstrap.get(), rendering);
        if (listener.isEmpty()) {
            problems.add(service.name() + " connects to Kafka at " + bootstrap.get()
                    + ", which is not the bootstrap service and port of a listener of a Kafka in the rendering");
            return;
        }
        String protocol = service.value("kafka.security.protocol").orElse("PLAINTEXT");
        boolean tls = protocol.endsWith("SSL");
        if (listener.get().isTls() != tls) {
            problems.add(service.name() + " uses kafka.security.protocol " + protocol + " in production but the listener "
                    + listener.get().getName() + (listener.get().isTls() ? " requires" : " does not use") + " TLS");
        }
        String listenerAuthentication = listener.get().getAuth() == null ? "none" : listener.get().getAuth().getType();
        String clientAuthentication = protocol.startsWith("SASL") ? service.value("kafka.sasl.mechanism").orElse("none").toLowerCase()
                : service.value("kafka.ssl.keystore.location").isPresent() ? "tls" : "none";
        if (!listenerAuthentication.equals(clientAuthentication)) {
            problems.add(service.name() + " authenticates to Kafka with " + clientAuthentication + " in production, but the listener "
                    + listener.get().getName() + " expects " + listenerAuthentication);
        }
        if (user.isPresent()) {
            var authentication = user.get().getSpec().getAuthentication();
            String userAuthentication = authentication instanceof KafkaUserTlsClientAuthentication ? "tls"
                    : authentication instanceof KafkaUserScramSha512ClientAuthentication ? "scram-sha-512" : "none";
            if (!userAuthentication.equals(listenerAuthentication)) {
                problems.add("KafkaUser " + service.name() + " authenticates with " + userAuthentication + " but the listener "
                        + listener.get().getName() + " expects " + listenerAuthentication);
            }
        }
    }

    private static Optional<GenericKafkaListener> listenerAt(String bootstrapServers, Rendering rendering) {
        String first = bootstrapServers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String host = first.substring(0, colon);
        int port = Integer.parseInt(first.substring(colon + 1));
        for (Kafka kafka : rendering.all(Kafka.class)) {
            String bootstrapService = kafka.getMetadata().getName() + "-kafka-bootstrap";
            if (host.equals(bootstrapService) || host.startsWith(bootstrapService + ".")) {
                return kafka.getSpec().getKafka().getListeners().stream().filter(listener -> listener.getPort() == port).findFirst();
            }
        }
        return Optional.empty();
    }
}
