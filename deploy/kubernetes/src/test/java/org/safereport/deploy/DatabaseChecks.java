package org.safereport.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every database a service uses exists in the CloudNativePG resources: its JDBC URL names the
 * read-write service of a Cluster, a Database resource of that name on that Cluster, owned by a managed
 * login role whose password Secret is the one the service logs in with.
 */
final class DatabaseChecks {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private DatabaseChecks() {
    }

    static List<String> problems(Rendering rendering, SourceTree sources) {
        List<String> problems = new ArrayList<>();
        for (ServiceSources service : sources.services()) {
            if (!service.usesExtension("quarkus-jdbc-postgresql")) {
                continue;
            }
            rendering.named(Deployment.class, service.name()).ifPresent(deployment -> {
                var environment = ContainerEnvironment.of(deployment.getSpec().getTemplate().getSpec().getContainers().get(0), rendering);
                Optional.ofNullable(environment.get("QUARKUS_DATASOURCE_JDBC_URL"))
                        .flatMap(ContainerEnvironment.Variable::knownValue)
                        .or(() -> service.value("quarkus.datasource.jdbc.url"))
                        .ifPresent(url -> database(service.name(), url, environment, rendering, problems));
            });
        }
        backups(rendering, problems);
        return problems;
    }

    /**
     * Backups, when configured, name a Cluster and an ObjectStore that exist, the Cluster archives its WAL there,
     * and the store encrypts base backups and WAL at rest.
     */
    /** barman-cloud's server-side encryption: the object store's own keys, or a KMS key. */
    private static final List<String> BACKUP_ENCRYPTION = List.of("AES256", "aws:kms");

    private static void backups(Rendering rendering, List<String> problems) {
        List<String> clusters = rendering.documents("postgresql.cnpg.io/v1", "Cluster").stream().map(Yamls::name).toList();
        List<String> stores = rendering.documents("barmancloud.cnpg.io/v1", "ObjectStore").stream().map(Yamls::name).toList();
        for (Map<String, Object> store : rendering.documents("barmancloud.cnpg.io/v1", "ObjectStore")) {
            for (String part : List.of("wal", "data")) {
                String encryption = Yamls.text(store, "spec.configuration." + part + ".encryption");
                if (encryption == null || !BACKUP_ENCRYPTION.contains(encryption)) {
                    problems.add("ObjectStore " + Yamls.name(store) + " keeps its " + part + " unencrypted (spec.configuration."
                            + part + ".encryption is " + encryption + ", not one of " + BACKUP_ENCRYPTION + ")");
                }
            }
        }
        for (Map<String, Object> backup : rendering.documents("postgresql.cnpg.io/v1", "ScheduledBackup")) {
            String cluster = Yamls.text(backup, "spec.cluster.name");
            if (!clusters.contains(cluster)) {
                problems.add("ScheduledBackup " + Yamls.name(backup) + " backs up Cluster " + cluster + ", which is not in the rendering");
            }
        }
        for (Map<String, Object> cluster : rendering.documents("postgresql.cnpg.io/v1", "Cluster")) {
            for (Map<String, Object> plugin : Yamls.list(cluster, "spec.plugins")) {
                String store = Yamls.text(plugin, "parameters.barmanObjectName");
                if (store != null && !stores.contains(store)) {
                    problems.add("Cluster " + Yamls.name(cluster) + " archives to ObjectStore " + store + ", which is not in the rendering");
                }
            }
            boolean archives = Yamls.list(cluster, "spec.plugins").stream().anyMatch(plugin -> Boolean.TRUE.equals(plugin.get("isWALArchiver")));
            if (!stores.isEmpty() && !archives) {
                problems.add("Cluster " + Yamls.name(cluster) + " has an ObjectStore to back up to but archives no WAL there"
                        + " (spec.plugins isWALArchiver), so no point-in-time recovery is possible");
            }
        }
    }

    private static void database(String service, String url, Map<String, ContainerEnvironment.Variable> environment,
                                 Rendering rendering, List<String> problems) {
        Matcher matcher = JDBC_URL.matcher(url);
        if (!matcher.matches()) {
            problems.add(service + " has a JDBC URL that is not jdbc:postgresql://host:port/database: " + url);
            return;
        }
        String host = matcher.group(1);
        String databaseName = matcher.group(3);
        Optional<Map<String, Object>> cluster = rendering.documents("postgresql.cnpg.io/v1", "Cluster").stream()
                .filter(candidate -> host.equals(Yamls.name(candidate) + "-rw") || host.startsWith(Yamls.name(candidate) + "-rw."))
                .findFirst();
        if (cluster.isEmpty()) {
            problems.add(service + " connects to " + host + ", which is not the read-write service (<name>-rw) of a"
                    + " CloudNativePG Cluster in the rendering");
            return;
        }
        String clusterName = Yamls.name(cluster.get());
        Optional<Map<String, Object>> database = rendering.documents("postgresql.cnpg.io/v1", "Database").stream()
                .filter(candidate -> clusterName.equals(Yamls.text(candidate, "spec.cluster.name"))
                        && databaseName.equals(Yamls.text(candidate, "spec.name"))
                        && !"absent".equals(Yamls.text(candidate, "spec.ensure")))
                .findFirst();
        if (database.isEmpty()) {
            problems.add(service + " uses database " + databaseName + " on Cluster " + clusterName
                    + ", but no CloudNativePG Database resource creates it");
            return;
        }
        String owner = Yamls.text(database.get(), "spec.owner");
        Optional<Map<String, Object>> role = Yamls.list(cluster.get(), "spec.managed.roles").stream()
                .filter(candidate -> owner.equals(candidate.get("name")))
                .findFirst();
        if (role.isEmpty() || !Boolean.TRUE.equals(role.get().get("login")) || "absent".equals(role.get().get("ensure"))) {
            problems.add(service + "'s database " + databaseName + " is owned by " + owner + ", which is not a managed"
                    + " login role of Cluster " + clusterName);
            return;
        }
        String passwordSecret = Yamls.text(role.get(), "passwordSecret.name");
        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            ContainerEnvironment.Variable credential = environment.get(variable);
            if (credential == null || !credential.fromSecret() || !credential.secret().equals(passwordSecret)) {
                problems.add(service + " must take " + variable + " from Secret " + passwordSecret + " (the password of role "
                        + owner + "), not from " + (credential == null ? "nowhere" : credential.origin()));
            }
        }
    }
}
