package org.safereport.notification.support;

import org.safereport.testing.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import org.safereport.testing.PostgresTestResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * The service with its SMTP server on a port the test controls: nothing listens there until the test starts
 * a server on it. Instead of the global SMTP and SMS test resources, only Kafka and PostgreSQL.
 */
public class SmtpPeerProfile implements QuarkusTestProfile {

    /** A JVM-wide system property, since the profile and the test class may be loaded apart. */
    private static final String PORT_PROPERTY = "safereport.test.smtp-peer-port";

    public static synchronized int smtpPort() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try (ServerSocket free = new ServerSocket(0)) {
                port = Integer.toString(free.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtpPort()));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(PostgresTestResource.class));
    }
}
