package org.safereport.local;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine: PostgreSQL with one database per service, a Kafka broker, the mail
 * sandbox, Keycloak with the sample people and the three services as processes. {@link #main} is the
 * local-stack command; the system tests start the same stack on free ports in a temporary folder.
 */
public final class LocalStack implements AutoCloseable {

    public static final String INTAKE = "intake-service";
    public static final String ESCALATION = "escalation-service";
    public static final String NOTIFICATION = "notification-service";

    /**
     * Where the stack lives and listens. A port of 0 means a free port chosen at start.
     *
     * @param repositoryRoot the checkout, whose modules have been built
     * @param dataDirectory PostgreSQL's, Kafka's and Keycloak's data and every process's log
     * @param withKeycloak whether to start Keycloak: the benchmark and the system tests in which nobody signs in
     *                     do without it
     * @param serviceEnvironment extra configuration for every service, as environment variables
     */
    public record Settings(Path repositoryRoot, Path dataDirectory, int postgresPort, int kafkaPort,
                           int kafkaControllerPort, int smtpPort, int mailboxPort, int intakePort,
                           int escalationPort, int notificationPort, boolean withKeycloak, int keycloakPort,
                           int keycloakManagementPort, Map<String, String> serviceEnvironment) {

        /** The local-stack command's defaults, each overridable by an environment variable. */
        public static Settings fromEnvironment(Path repositoryRoot) {
            return new Settings(repositoryRoot,
                    Path.of(env("SAFEREPORT_DATA_DIR", repositoryRoot.resolve(".local").toString())),
                    Integer.parseInt(env("SAFEREPORT_POSTGRES_PORT", "15432")),
                    Integer.parseInt(env("SAFEREPORT_KAFKA_PORT", "19092")),
                    Integer.parseInt(env("SAFEREPORT_KAFKA_CONTROLLER_PORT", "19093")),
                    Integer.parseInt(env("SAFEREPORT_SMTP_PORT", "2525")),
                    Integer.parseInt(env("SAFEREPORT_MAILBOX_PORT", "8025")),
                    Integer.parseInt(env("SAFEREPORT_INTAKE_PORT", "8080")),
                    Integer.parseInt(env("SAFEREPORT_ESCALATION_PORT", "8081")),
                    Integer.parseInt(env("SAFEREPORT_NOTIFICATION_PORT", "8082")),
                    true,
                    Integer.parseInt(env("SAFEREPORT_KEYCLOAK_PORT", "8180")),
                    Integer.parseInt(env("SAFEREPORT_KEYCLOAK_MANAGEMENT_PORT", "8190")),
                    Map.of());
        }

        /** Everything on free ports under {@code dataDirectory}, for tests. */
        public static Settings onFreePorts(Path repositoryRoot, Path dataDirectory, Map<String, String> serviceEnvironment) {
            return new Settings(repositoryRoot, dataDirectory, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0, serviceEnvironment);
        }

        /** The same with Keycloak, for the tests in which staff sign in. */
        public Settings withKeycloak(boolean start) {
            return new Settings(repositoryRoot, dataDirectory, postgresPort, kafkaPort, kafkaControllerPort, smtpPort, mailboxPort,
                    intakePort, escalationPort, notificationPort, start, keycloakPort, keycloakManagementPort, serviceEnvironment);
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Keycloak's first start creates its database and imports the realm: a minute or more on a busy machine. */
    private static final Duration KEYCLOAK_START_TIMEOUT = Duration.ofMinutes(3);
    /** Where the services are told their identity provider is when the stack runs without one: nothing listens there. */
    private static final String NO_IDENTITY_PROVIDER = "http://127.0.0.1:9/realms/none";
    /** Held so that the levels stick: the console shows the URLs, the details are in the log files. */
    private static final List<java.util.logging.Logger> QUIET_LOGGERS = List.of(
            java.util.logging.Logger.getLogger("io.zonky"), java.util.logging.Logger.getLogger("com.icegreen"),
            java.util.logging.Logger.getLogger("org.apache.kafka"));

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final MailSandbox mailbox;
    private final KeycloakServer keycloak;
    private final Map<String, ServiceProcess> services;
    private final Path root;
    private final Path data;
    private final Map<String, Map<String, String>> environments;
    private final ServiceJava serviceJava;
    private final List<ServiceProcess> replicas = new ArrayList<>();

    private LocalStack(PostgresServer postgres, KafkaBroker kafka, MailSandbox mailbox, KeycloakServer keycloak,
                       Map<String, ServiceProcess> services, Path root, Path data, Map<String, Map<String, String>> environments,
                       ServiceJava serviceJava) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.mailbox = mailbox;
        this.keycloak = keycloak;
        this.services = services;
        this.root = root;
        this.data = data;
        this.environments = environments;
        this.serviceJava = serviceJava;
    }

    public static LocalStack start(Settings settings) throws IOException, SQLException {
        Path root = settings.repositoryRoot().toAbsolutePath().normalize();
        Path data = settings.dataDirectory().toAbsolutePath().normalize();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            // Started first, to start up while the rest does: it takes the longest. The services wait for it.
            KeycloakServer keycloak = null;
            if (settings.withKeycloak()) {
                keycloak = KeycloakServer.create(KeycloakServer.distribution(root), data.resolve("keycloak"), SampleRealm.NAME,
                        SampleRealm.json(SampleRealm.sampleDirectory(root)), Ports.orFree(settings.keycloakPort()),
                        Ports.orFree(settings.keycloakManagementPort()), data.resolve("logs/keycloak.log"));
                started.add(keycloak);
                keycloak.start();
            }
            PostgresServer postgres = PostgresServer.start(data.resolve("postgres"), settings.postgresPort(),
                    data.resolve("logs/postgres.log"));
            started.add(postgres);
            KafkaBroker kafka = KafkaBroker.create(root.resolve("deploy/local/kafka-broker/target/lib"),
                    data.resolve("kafka"), Ports.orFree(settings.kafkaPort()), Ports.orFree(settings.kafkaControllerPort()));
            started.add(kafka);
            kafka.startAndAwait(START_TIMEOUT);
            SystemTopics.create(kafka.bootstrapServers());
            MailSandbox mailbox = MailSandbox.start(settings.smtpPort(), settings.mailboxPort());
            started.add(mailbox);

            Map<String, String> common = new HashMap<>();
            // Profile "local", not "prod": the prod profile is the Kubernetes deployment (Kafka over TLS
            // with Strimzi's certificates), which this stack on loopback does not have.
            common.put("QUARKUS_PROFILE", "local");
            common.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            common.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
            common.put("QUARKUS_DATASOURCE_PASSWORD", "local");
            common.putAll(settings.serviceEnvironment());

            int intakePort = Ports.orFree(settings.intakePort());
            int escalationPort = Ports.orFree(settings.escalationPort());
            Map<String, String> escalation = new HashMap<>(Map.of("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("escalation"),
                    // Acknowledgement links point straight at the escalation service on this machine.
                    "ESCALATION_PUBLIC_BASE_URL", "http://127.0.0.1:" + escalationPort,
                    "ESCALATION_ACKNOWLEDGEMENT_SIGNING_KEY", localSigningKey(data),
                    "ESCALATION_INTAKE_URL", "http://127.0.0.1:" + intakePort,
                    // Made on its first start, like intake's: the case notes of the last start are sealed with it.
                    "SAFEREPORT_ENCRYPTION_KEY_ENCRYPTION_KEYSET", data.resolve("keys/escalation-key-encryption-keyset.json").toString()));
            escalation.putAll(keycloak != null ? Map.of(
                    // Staff sign in on Keycloak's page as the sample people (password "local"); the service reads
                    // reports from intake with the services' client credentials.
                    "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuerUrl(),
                    "QUARKUS_OIDC_CLIENT_ID", SampleRealm.STAFF_CLIENT_ID,
                    "QUARKUS_OIDC_CREDENTIALS_SECRET", SampleRealm.STAFF_CLIENT_SECRET,
                    "ESCALATION_SERVICES_CLIENT_ID", SampleRealm.SERVICES_CLIENT_ID,
                    "ESCALATION_SERVICES_CLIENT_SECRET", SampleRealm.SERVICES_CLIENT_SECRET)
                    // Without an identity provider nobody can sign in: every staff page and API answers 401.
                    : Map.of("QUARKUS_OIDC_AUTH_SERVER_URL", NO_IDENTITY_PROVIDER,
                    "QUARKUS_OIDC_TENANT_ENABLED", "false", "QUARKUS_OIDC_API_TENANT_ENABLED", "false",
                    "ESCALATION_SERVICES_CLIENT_ENABLED", "false", "ESCALATION_SERVICES_CLIENT_SECRET", "none"));
            Map<String, String> intake = new HashMap<>(Map.of("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("intake"),
                    // Made by the service on its first start (profile "local" only) and kept with the data: the
                    // reports of the last start are encrypted with them.
                    "SAFEREPORT_ENCRYPTION_KEY_ENCRYPTION_KEYSET", data.resolve("keys/intake-key-encryption-keyset.json").toString(),
                    "SAFEREPORT_ENCRYPTION_INDEX_KEYSET", data.resolve("keys/intake-index-keyset.json").toString()));
            if (keycloak != null) {
                // The internal API's bearer tokens (the services client's), checked against the realm; without
                // Keycloak the internal API stays off and answers 401.
                intake.putAll(Map.of("QUARKUS_OIDC_TENANT_ENABLED", "true", "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuerUrl()));
            }
            Map<String, Map<String, String>> environments = new LinkedHashMap<>();
            environments.put(INTAKE, environment(common, intake));
            environments.put(ESCALATION, environment(common, escalation));
            environments.put(NOTIFICATION, environment(common, Map.of("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("notification"),
                    "QUARKUS_MAILER_HOST", "127.0.0.1",
                    "QUARKUS_MAILER_PORT", Integer.toString(mailbox.smtpPort()),
                    "QUARKUS_MAILER_FROM", "SafeReport <safereport@example.org>",
                    "NOTIFICATION_SMS_BASE_URL", mailbox.smsBaseUrl(), "NOTIFICATION_SMS_ACCOUNT_SID", SmsSink.ACCOUNT_SID,
                    "NOTIFICATION_SMS_AUTH_TOKEN", SmsSink.AUTH_TOKEN, "NOTIFICATION_SMS_FROM", SmsSink.FROM,
                    // The case page that messages link to is served by the escalation service.
                    "NOTIFICATION_PUBLIC_BASE_URL", "http://127.0.0.1:" + escalationPort)));
            if (keycloak != null) {
                // The services ask it for its keys and endpoints as they start.
                keycloak.awaitReady(KEYCLOAK_START_TIMEOUT);
            }
            ServiceJava serviceJava = ServiceJava.fromEnvironment();
            if (!serviceJava.hasAotCache()) {
                System.out.println(serviceJava.withoutCacheNotice(JavaHomes.SYSTEM_JVM_FOLDER));
            }
            Map<String, ServiceProcess> services = new LinkedHashMap<>();
            services.put(INTAKE, service(root, data, INTAKE, serviceJava, intakePort, environments.get(INTAKE), INTAKE));
            services.put(ESCALATION, service(root, data, ESCALATION, serviceJava, escalationPort, environments.get(ESCALATION),
                    ESCALATION));
            services.put(NOTIFICATION, service(root, data, NOTIFICATION, serviceJava, Ports.orFree(settings.notificationPort()),
                    environments.get(NOTIFICATION), NOTIFICATION));
            for (ServiceProcess service : services.values()) {
                started.add(service);
                service.start();
            }
            for (ServiceProcess service : services.values()) {
                service.awaitReady(START_TIMEOUT);
            }
            return new LocalStack(postgres, kafka, mailbox, keycloak, services, root, data, environments, serviceJava);
        } catch (IOException | SQLException | RuntimeException e) {
            closeInReverse(started);
            throw e;
        }
    }

    /** A random key made on the first start and kept with the data, so that links survive a restart. */
    private static String localSigningKey(Path data) throws IOException {
        Path keyFile = data.resolve("acknowledgement-signing-key");
        if (!java.nio.file.Files.exists(keyFile)) {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            java.nio.file.Files.createDirectories(data);
            java.nio.file.Files.writeString(keyFile, java.util.HexFormat.of().formatHex(key));
        }
        return java.nio.file.Files.readString(keyFile).trim();
    }

    private static Map<String, String> environment(Map<String, String> common, Map<String, String> own) {
        Map<String, String> environment = new HashMap<>(common);
        environment.putAll(own);
        return Map.copyOf(environment);
    }

    private static ServiceProcess service(Path root, Path data, String module, ServiceJava java, int port,
                                          Map<String, String> environment, String logName) {
        return ServiceProcess.create(root.resolve(module), java, port, environment, data.resolve("logs").resolve(logName + ".log"));
    }

    /**
     * Starts another instance of {@code module} with the same configuration (database, broker, keys) on a
     * free port, as a second replica would run in a deployment, and waits until it is ready. It stops with
     * the stack.
     */
    public ServiceProcess startReplica(String module) throws IOException {
        Map<String, String> environment = environments.get(module);
        if (environment == null) {
            throw new IllegalArgumentException("no service " + module);
        }
        ServiceProcess replica = service(root, data, module, serviceJava, Ports.orFree(0), environment,
                module + "-replica-" + (replicas.size() + 2));
        replicas.add(replica);
        replica.start();
        replica.awaitReady(START_TIMEOUT);
        return replica;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public MailSandbox mailbox() {
        return mailbox;
    }

    public KeycloakServer keycloak() {
        if (keycloak == null) {
            throw new IllegalStateException("this stack runs without Keycloak (Settings.withKeycloak)");
        }
        return keycloak;
    }

    public ServiceProcess service(String module) {
        ServiceProcess service = services.get(module);
        if (service == null) {
            throw new IllegalArgumentException("no service " + module);
        }
        return service;
    }

    @Override
    public void close() {
        // Each service takes seconds to stop, a training run half a minute (AotCache): they stop side by side.
        services.values().forEach(ManagedProcess::signalStop);
        replicas.forEach(ManagedProcess::signalStop);
        List<AutoCloseable> all = new ArrayList<>();
        all.add(postgres);
        all.add(kafka);
        all.add(mailbox);
        if (keycloak != null) {
            all.add(keycloak);
        }
        all.addAll(services.values());
        all.addAll(replicas);
        closeInReverse(all);
    }

    private static void closeInReverse(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                System.err.println("could not stop " + parts.get(i) + ": " + e.getMessage());
            }
        }
    }

    /** The local-stack command: starts everything, prints where to look, stops everything on Ctrl-C. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        QUIET_LOGGERS.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        Settings settings = Settings.fromEnvironment(root);
        System.out.println("Starting SafeReport locally (data in " + settings.dataDirectory().toAbsolutePath().normalize() + ") ...");
        long startedAt = System.nanoTime();
        LocalStack stack = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping SafeReport ...");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.printf("""

                SafeReport is running (started in %.1f s).

                  Report form         %s
                  Report API          %s
                  Staff workspace     %s  (sign in as e.g. dsl, password "local")
                  Local mailbox       %s  (emails and texts)
                  Sign-in (Keycloak)  %s  (the sample people, e.g. dsl, password "%s")
                  Keycloak admin      %s  (%s, password "%s")
                  Intake health       %s
                  Escalation health   %s
                  Notification health %s
                  Keycloak health     %s
                  Kafka               %s
                  PostgreSQL          jdbc:postgresql://127.0.0.1:%d/{intake,escalation,notification} (user %s)
                  Logs                %s

                Press Ctrl-C to stop.
                """,
                (System.nanoTime() - startedAt) / 1e9,
                stack.service(INTAKE).url("/report"),
                stack.service(INTAKE).url("/api/v1/reports"),
                stack.service(ESCALATION).url("/cases"),
                stack.mailbox().webUrl(),
                stack.keycloak().url("/realms/" + SampleRealm.NAME + "/account"), SampleRealm.PASSWORD,
                stack.keycloak().url("/admin/"), KeycloakServer.ADMIN_USERNAME, KeycloakServer.ADMIN_PASSWORD,
                stack.service(INTAKE).url("/q/health"),
                stack.service(ESCALATION).url("/q/health"),
                stack.service(NOTIFICATION).url("/q/health"),
                stack.keycloak().healthUrl(),
                stack.kafka().bootstrapServers(),
                stack.postgres().port(), PostgresServer.USER,
                settings.dataDirectory().resolve("logs").toAbsolutePath().normalize());
        stopped.await();
    }
}
