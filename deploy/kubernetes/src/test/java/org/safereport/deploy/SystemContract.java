package org.safereport.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the services agree on, written down once (the system's contract in issue 7): who produces and
 * consumes each topic, each service's consumer group and database, the settings the Deployments must
 * give it, and which HTTP paths are public. The source-driven checks find what the code on this branch
 * uses; these catch what it does not use yet but the manifests must already provide.
 */
final class SystemContract {

    record Topic(String name, Set<String> producers, Set<String> consumers, boolean compacted) {

        boolean deadLetters() {
            return name.endsWith(".dlq");
        }
    }

    static final String INTAKE = "intake-service";
    static final String ESCALATION = "escalation-service";
    static final String NOTIFICATION = "notification-service";

    /** The event topics; each has a dead-letter topic "<name>.dlq" written by its consumers. */
    private static final List<Topic> EVENT_TOPICS = List.of(
            new Topic("reports.submitted.v1", Set.of(INTAKE), Set.of(ESCALATION), false),
            new Topic("notifications.requested.v1", Set.of(ESCALATION, INTAKE), Set.of(NOTIFICATION), false),
            new Topic("notifications.status.v1", Set.of(NOTIFICATION), Set.of(ESCALATION), false),
            new Topic("cases.status.v1", Set.of(ESCALATION), Set.of(INTAKE), false),
            new Topic("cases.purged.v1", Set.of(ESCALATION), Set.of(INTAKE), false),
            new Topic("reports.replies.v1", Set.of(INTAKE), Set.of(ESCALATION), false),
            new Topic("policy.public.v1", Set.of(ESCALATION), Set.of(INTAKE), true));

    /** Every topic: the event topics and their dead-letter topics. */
    static List<Topic> topics() {
        List<Topic> topics = new ArrayList<>(EVENT_TOPICS);
        for (Topic topic : EVENT_TOPICS) {
            topics.add(new Topic(topic.name() + ".dlq", topic.consumers(), Set.of(), false));
        }
        return topics;
    }

    /**
     * Each service's consumer group id. A service may also have per-pod groups (intake's policy reader,
     * "intake-policy-<uuid>"): every group ACL must name a group starting with the service's own name
     * without "-service"; the source-driven checks find the actual ids.
     */
    static final Map<String, String> CONSUMER_GROUPS = Map.of(
            INTAKE, "intake-service", ESCALATION, "escalation-service", NOTIFICATION, "notification-service");

    /** Each service's own database. */
    static final Map<String, String> DATABASES = Map.of(
            INTAKE, "intake", ESCALATION, "escalation", NOTIFICATION, "notification");

    /** Environment variables each service's container must set, and whether each must come from a Secret. */
    record Setting(String variable, boolean secret) {
    }

    private static final List<Setting> EVERY_SERVICE = List.of(
            new Setting("KAFKA_BOOTSTRAP_SERVERS", false),
            new Setting("QUARKUS_DATASOURCE_JDBC_URL", false),
            new Setting("QUARKUS_DATASOURCE_USERNAME", true),
            new Setting("QUARKUS_DATASOURCE_PASSWORD", true));

    static final Map<String, List<Setting>> SETTINGS = Map.of(
            INTAKE, with(EVERY_SERVICE,
                    new Setting("INTAKE_PUBLIC_BASE_URL", false),
                    new Setting("QUARKUS_OIDC_AUTH_SERVER_URL", false)),
            ESCALATION, with(EVERY_SERVICE,
                    new Setting("ESCALATION_POLICY_FILE", false),
                    new Setting("ESCALATION_DIRECTORY_FILE", false),
                    new Setting("ESCALATION_POLICY_TEXT_FILE", false),
                    new Setting("ESCALATION_PUBLIC_BASE_URL", false),
                    new Setting("ESCALATION_ACKNOWLEDGEMENT_SIGNING_KEY", true),
                    new Setting("QUARKUS_OIDC_AUTH_SERVER_URL", false),
                    new Setting("QUARKUS_OIDC_CLIENT_ID", false),
                    new Setting("QUARKUS_OIDC_CREDENTIALS_SECRET", true),
                    new Setting("ESCALATION_INTAKE_URL", false),
                    new Setting("ESCALATION_SERVICES_CLIENT_ID", false),
                    new Setting("ESCALATION_SERVICES_CLIENT_SECRET", true)),
            NOTIFICATION, with(EVERY_SERVICE,
                    new Setting("QUARKUS_MAILER_HOST", false),
                    new Setting("QUARKUS_MAILER_PORT", false),
                    new Setting("QUARKUS_MAILER_USERNAME", true),
                    new Setting("QUARKUS_MAILER_PASSWORD", true),
                    new Setting("QUARKUS_MAILER_START_TLS", false),
                    new Setting("QUARKUS_MAILER_FROM", false),
                    new Setting("NOTIFICATION_EMAIL_REPLY_TO", false),
                    new Setting("NOTIFICATION_PUBLIC_BASE_URL", false),
                    new Setting("NOTIFICATION_SMS_BASE_URL", false),
                    new Setting("NOTIFICATION_SMS_ACCOUNT_SID", true),
                    new Setting("NOTIFICATION_SMS_AUTH_TOKEN", true),
                    new Setting("NOTIFICATION_SMS_FROM", false)));

    /** Variables whose Secret may be absent (the feature is then off); all others are required. */
    static final Set<String> OPTIONAL_SECRETS = Set.of("NOTIFICATION_SMS_ACCOUNT_SID", "NOTIFICATION_SMS_AUTH_TOKEN");

    /** Variables holding the public address of the site: each must be https://<a host of the public Ingress>. */
    static final Map<String, String> PUBLIC_BASE_URLS = Map.of(
            "INTAKE_PUBLIC_BASE_URL", INTAKE, "ESCALATION_PUBLIC_BASE_URL", ESCALATION,
            "NOTIFICATION_PUBLIC_BASE_URL", NOTIFICATION);

    /** Sample requests that the public Ingress must route, and to which service. */
    static final Map<String, String> PUBLIC_REQUESTS = Map.ofEntries(
            Map.entry("/", INTAKE),
            Map.entry("/report", INTAKE),
            Map.entry("/status", INTAKE),
            Map.entry("/status/SR-2026-0001", INTAKE),
            Map.entry("/api/v1/reports", INTAKE),
            Map.entry("/api/v1/reports/SR-2026-0001", INTAKE),
            Map.entry("/ack/a-signed-token", ESCALATION),
            Map.entry("/a/k3mx9qrtvw", ESCALATION),
            Map.entry("/cases", ESCALATION),
            Map.entry("/cases/SM-7KQ4-2M9X", ESCALATION),
            Map.entry("/cases/SM-7KQ4-2M9X/evidence/0b1c2d3e-0000-4000-8000-000000000001", ESCALATION),
            Map.entry("/sign-out", ESCALATION),
            Map.entry("/signed-out", ESCALATION),
            Map.entry("/read/a-signed-token", ESCALATION));

    /** The path prefixes each service may publish; every other resource of it must stay private. */
    static final Map<String, List<String>> PUBLIC_PREFIXES = Map.of(
            INTAKE, List.of("/report", "/status", "/api/v1/reports"),
            ESCALATION, List.of("/ack", "/a", "/cases", "/sign-out", "/signed-out", "/read"));

    /** Sample requests that must reach no service through the public Ingress; /internal is intake's internal API. */
    static final List<String> PRIVATE_REQUESTS = List.of(
            "/q/health", "/q/health/ready", "/q/metrics", "/q/dev", "/api/v1/policy", "/api/v1/policy/explain",
            "/api/v1/cases", "/api/v1/cases/SR-2026-0001", "/api", "/internal",
            "/internal/v1/reports/3f2c6b1e-8a4d-4c1e-9b7a-2d5e6f708192",
            "/internal/v1/reports/3f2c6b1e-8a4d-4c1e-9b7a-2d5e6f708192/evidence/0b7e3c1a-5d2f-4e8b-9a6c-1f2d3e4a5b6c");

    /**
     * Egress ports each service may use: DNS, Kafka's TLS listener, PostgreSQL; notification also SMTP and
     * HTTPS; intake HTTPS to the identity provider (its token signing keys); escalation HTTPS to the identity
     * provider (keys, tokens, sign-in) and intake's HTTP port (the internal API).
     */
    static final Set<Integer> EGRESS_EVERY_SERVICE = Set.of(53, Operand.KAFKA.clientPort(), Operand.POSTGRESQL.clientPort());
    static final Map<String, Set<Integer>> EGRESS_OWN = Map.of(NOTIFICATION, Set.of(25, 465, 587, 443),
            INTAKE, Set.of(443), ESCALATION, Set.of(443, 8080));

    /**
     * The pods an operator runs for SafeReport, which the services connect to on {@code clientPort}; besides
     * the services and each other, only their operator's namespace may connect to them (README, Prerequisites:
     * adapt the namespaces there, in base/network-policies.yaml and here together).
     */
    enum Operand {
        POSTGRESQL("CloudNativePG Cluster", 5432, "cnpg-system"),
        KAFKA("Strimzi Kafka", 9093, "strimzi");

        private final String kind;
        private final int clientPort;
        private final String operatorNamespace;

        Operand(String kind, int clientPort, String operatorNamespace) {
            this.kind = kind;
            this.clientPort = clientPort;
            this.operatorNamespace = operatorNamespace;
        }

        String kind() {
            return kind;
        }

        int clientPort() {
            return clientPort;
        }

        String operatorNamespace() {
            return operatorNamespace;
        }

        /** The labels the operator gives the pods of its resource {@code name} (a PostgreSQL instance, a Kafka node). */
        Map<String, String> podLabels(String name) {
            return switch (this) {
                case POSTGRESQL -> Map.of("cnpg.io/cluster", name, "cnpg.io/podRole", "instance");
                case KAFKA -> Map.of("strimzi.io/cluster", name, "strimzi.io/kind", "Kafka", "strimzi.io/name", name + "-kafka");
            };
        }
    }

    /** The namespace of the ingress controller (README, Install: adapt it there and here together). */
    static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-nginx";

    private SystemContract() {
    }

    private static List<Setting> with(List<Setting> common, Setting... own) {
        List<Setting> settings = new ArrayList<>(common);
        settings.addAll(List.of(own));
        return List.copyOf(settings);
    }
}
