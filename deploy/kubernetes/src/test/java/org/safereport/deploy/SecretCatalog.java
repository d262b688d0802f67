package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.Secret;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.KafkaUserTlsClientAuthentication;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every Secret a rendering may refer to, with its keys: those in the rendering itself (dev's generated
 * placeholders), those the operators create for the resources in it (the Strimzi and CloudNativePG
 * naming conventions), and those the runbook tells ops to create.
 */
final class SecretCatalog {

    record KnownSecret(String name, Set<String> keys, String createdBy) {
    }

    private final Map<String, KnownSecret> secrets = new LinkedHashMap<>();

    private SecretCatalog() {
    }

    static SecretCatalog of(Rendering rendering, SourceTree sources) {
        SecretCatalog catalog = new SecretCatalog();
        sources.secretsCreatedByOps().forEach((name, keys) -> catalog.add(name, keys, "ops (README, Secrets)"));
        for (Kafka kafka : rendering.all(Kafka.class)) {
            String cluster = kafka.getMetadata().getName();
            catalog.add(cluster + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"), "Strimzi for Kafka " + cluster);
            catalog.add(cluster + "-clients-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"), "Strimzi for Kafka " + cluster);
        }
        for (KafkaUser user : rendering.all(KafkaUser.class)) {
            var authentication = user.getSpec().getAuthentication();
            String name = user.getMetadata().getName();
            if (authentication instanceof KafkaUserTlsClientAuthentication) {
                catalog.add(name, Set.of("ca.crt", "user.crt", "user.key", "user.p12", "user.password"), "Strimzi for KafkaUser " + name);
            } else if (authentication instanceof KafkaUserScramSha512ClientAuthentication) {
                catalog.add(name, Set.of("password", "sasl.jaas.config"), "Strimzi for KafkaUser " + name);
            }
        }
        for (var cluster : rendering.documents("postgresql.cnpg.io/v1", "Cluster")) {
            String name = Yamls.name(cluster);
            String by = "CloudNativePG for Cluster " + name;
            catalog.add(name + "-ca", Set.of("ca.crt", "ca.key"), by);
            catalog.add(name + "-server", Set.of("tls.crt", "tls.key"), by);
            catalog.add(name + "-replication", Set.of("tls.crt", "tls.key"), by);
            catalog.add(name + "-app", Set.of("username", "password", "dbname", "host", "port", "uri", "jdbc-uri", "pgpass"), by);
        }
        // Last, so that a Secret in the rendering is described as what it is.
        for (Secret secret : rendering.all(Secret.class)) {
            Set<String> keys = new TreeSet<>();
            if (secret.getData() != null) {
                keys.addAll(secret.getData().keySet());
            }
            if (secret.getStringData() != null) {
                keys.addAll(secret.getStringData().keySet());
            }
            catalog.add(secret.getMetadata().getName(), keys, "this rendering");
        }
        return catalog;
    }

    Optional<KnownSecret> find(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    /** Null when {@code key} of Secret {@code name} is known, else what is wrong. */
    String problemWith(String name, String key) {
        KnownSecret secret = secrets.get(name);
        if (secret == null) {
            return "Secret " + name + " is not in the rendering, not created by Strimzi or CloudNativePG for a resource"
                    + " in it, and not in the runbook's Secrets table (deploy/kubernetes/README.md) for ops to create";
        }
        if (key != null && !secret.keys().contains(key)) {
            return "Secret " + name + " (created by " + secret.createdBy() + ") has no key " + key + "; its keys are " + secret.keys();
        }
        return null;
    }

    private void add(String name, Set<String> keys, String createdBy) {
        secrets.put(name, new KnownSecret(name, Set.copyOf(keys), createdBy));
    }
}
