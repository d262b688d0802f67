package org.safereport.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak as its own process, from the distribution that deploy/local/keycloak-server unpacks, listening
 * on 127.0.0.1, with a realm imported at its first start and health on its management port.
 *
 * <p>It runs in production mode on Keycloak's file database ({@code dev-file}, H2 in the server's data
 * folder) with a local cache: nothing to install and no cluster traffic, fit for the local stack and tests,
 * not for a deployment. Keycloak's build step (Quarkus augmentation, about a minute) runs once per unpacked
 * distribution, at the first start, so later starts are {@code --optimized}. Each server has a home folder
 * of its own: its data and realm file, with the distribution's other folders linked in, so that the local
 * stack and test JVMs can share one distribution.
 */
public final class KeycloakServer extends ManagedProcess {

    /** The bootstrap administrator of the master realm (the admin console), created at the first start. */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "local";

    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    private final int port;
    private final int managementPort;
    private final String realm;
    private final Path throwAwayHome;

    private KeycloakServer(List<String> command, Map<String, String> environment, Path logFile, int port,
                           int managementPort, String realm, Path throwAwayHome) {
        super("keycloak", command, environment, logFile);
        this.port = port;
        this.managementPort = managementPort;
        this.realm = realm;
        this.throwAwayHome = throwAwayHome;
    }

    /** Where deploy/local/keycloak-server unpacks the distribution in a checkout. */
    public static Path distribution(Path repositoryRoot) {
        return repositoryRoot.resolve("deploy/local/keycloak-server/target/keycloak");
    }

    /**
     * Builds the distribution if this is its first use (blocking, about a minute), and prepares the server.
     *
     * @param distribution the unpacked distribution, see {@link #distribution(Path)}
     * @param home the server's own folder, its database kept between starts; {@code null} for a temporary
     *             folder, deleted when the server stops
     * @param realmJson the realm to import; when it differs from the one imported before, the server starts
     *                  on a new database, because Keycloak imports a realm only into a database without it
     */
    public static KeycloakServer create(Path distribution, Path home, String realm, String realmJson, int port,
                                        int managementPort, Path logFile) throws IOException {
        Path launcher = distribution.resolve("bin/kc.sh");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("Keycloak distribution " + distribution
                    + " is missing: build it first with 'mvn -DskipTests package'");
        }
        Files.createDirectories(logFile.getParent());
        String javaHome = KeycloakJava.home().toString();
        buildOnce(distribution, javaHome, logFile);
        Path serverHome = home != null ? home : Files.createTempDirectory("safereport-keycloak-");
        prepareHome(distribution, serverHome, realm, realmJson);
        List<String> command = List.of(launcher.toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--hostname=http://127.0.0.1:" + port, "--http-management-port=" + managementPort,
                "--cache=local", "--import-realm",
                // kc.sh passes -D options on to the JVM after its own, so this home wins over the distribution.
                "-Dkc.home.dir=" + serverHome.toAbsolutePath());
        Map<String, String> environment = Map.of("JAVA_HOME", javaHome, "JAVA_OPTS_APPEND", String.join(" ", jvmOptions(distribution)),
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME, "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return new KeycloakServer(command, environment, logFile, port, managementPort, realm, home != null ? null : serverHome);
    }

    /**
     * C1 only, and a class-data archive that the first start writes beside the distribution and later starts
     * map: a later start takes about 10 s instead of 27 s on two busy cores, and a server for local use and
     * tests gains nothing from C2. The archive's messages (classes it leaves out, options that differ from the
     * JDK's own archive) are only noise in the log. jboss-threads needs java.lang opened on Java 24 and later,
     * or every stop logs an IllegalAccessError.
     */
    private static List<String> jvmOptions(Path distribution) {
        return List.of("-XX:TieredStopAtLevel=1", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + distribution.toAbsolutePath().resolve("class-data.jsa"), "-Xlog:cds=off",
                "--add-opens=java.base/java.lang=ALL-UNNAMED");
    }

    public void startAndAwait(Duration timeout) throws IOException {
        start();
        awaitReady(timeout);
    }

    public void awaitReady(Duration timeout) {
        Ports.await("Keycloak to be ready at " + healthUrl(), timeout, () -> {
            checkAlive();
            return Ports.answersOk(healthUrl(), Duration.ofSeconds(2));
        });
    }

    @Override
    public synchronized void stop() {
        super.stop();
        if (throwAwayHome != null) {
            try {
                deleteRecursively(throwAwayHome);
            } catch (IOException | UncheckedIOException e) {
                // Only a temporary folder is left behind.
            }
        }
    }

    /** Readiness, on the management port (not the one browsers use). */
    public String healthUrl() {
        return "http://127.0.0.1:" + managementPort + "/health/ready";
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The realm's issuer, what an OIDC client is configured with (quarkus.oidc.auth-server-url). */
    public String issuerUrl() {
        return url("/realms/" + realm);
    }

    /**
     * Runs {@code kc.sh build} on the distribution unless this version of it was built with the same options,
     * holding a file lock so that a test JVM and the local stack starting at once do not both write it.
     */
    private static synchronized void buildOnce(Path distribution, String javaHome, Path logFile) throws IOException {
        Path marker = distribution.resolve(".safereport-build");
        String buildId = Files.readString(distribution.resolve("version.txt")).strip() + ", " + String.join(" ", BUILD_OPTIONS);
        try (FileChannel channel = FileChannel.open(distribution.resolve(".safereport-build.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.exists(marker) && Files.readString(marker).equals(buildId)) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(distribution.resolve("bin/kc.sh").toString(), "build"));
            command.addAll(BUILD_OPTIONS);
            ManagedProcess build = new ManagedProcess("keycloak-build", command, Map.of("JAVA_HOME", javaHome), logFile);
            build.start();
            int status = build.awaitExit(BUILD_TIMEOUT);
            if (status != 0) {
                throw new IllegalStateException("kc.sh build failed with status " + status + "; see " + logFile
                        + ":\n" + Logs.tail(logFile, 40));
            }
            Files.writeString(marker, buildId, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted building Keycloak", e);
        }
    }

    private static void prepareHome(Path distribution, Path home, String realm, String realmJson) throws IOException {
        Path realmFile = home.resolve("data/import").resolve(realm + "-realm.json");
        if (!Files.exists(realmFile) || !Files.readString(realmFile).equals(realmJson)) {
            deleteRecursively(home.resolve("data"));
        }
        Files.createDirectories(realmFile.getParent());
        Files.writeString(realmFile, realmJson, StandardCharsets.UTF_8);
        try (Stream<Path> entries = Files.list(distribution)) {
            for (Path entry : entries.filter(Files::isDirectory).filter(entry -> !entry.endsWith("data")).toList()) {
                Path link = home.resolve(entry.getFileName());
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, entry.toAbsolutePath());
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
