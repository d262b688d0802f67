package org.safereport.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.safereport.local.KeycloakServer;
import org.safereport.local.Ports;
import org.safereport.local.SampleRealm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real Keycloak for the service under test, started once per JVM (its own process, from the distribution
 * in deploy/local/keycloak-server) with the sample realm: the bundled directory's people, password
 * {@value SampleRealm#PASSWORD}. Points quarkus-oidc at the realm as the staff pages' client.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    /** The first start of a distribution also builds it (about a minute); on a busy machine both take longer. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private static KeycloakServer server;

    /** The running server, started if it is not yet. */
    public static synchronized KeycloakServer server() {
        if (server == null) {
            try {
                Path root = repositoryRoot();
                // A new database for every test JVM; the log stays in the module's target folder.
                server = KeycloakServer.create(KeycloakServer.distribution(root), null, SampleRealm.NAME,
                        SampleRealm.json(SampleRealm.sampleDirectory(root)), Ports.orFree(0), Ports.orFree(0),
                        Path.of("target/keycloak.log"));
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
                server.startAndAwait(START_TIMEOUT);
            } catch (Exception e) {
                throw new IllegalStateException("could not start Keycloak", e);
            }
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", server().issuerUrl(),
                "quarkus.oidc.client-id", SampleRealm.STAFF_CLIENT_ID,
                "quarkus.oidc.credentials.secret", SampleRealm.STAFF_CLIENT_SECRET);
    }

    @Override
    public void stop() {
        // The server lives as long as the JVM: several Quarkus test applications may share it.
    }

    /** Tests run in their module's folder; the checkout is the first folder above it with the Keycloak module. */
    private static Path repositoryRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("deploy/local/keycloak-server"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no checkout with deploy/local/keycloak-server above " + Path.of("").toAbsolutePath());
    }
}
