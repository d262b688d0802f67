package org.safereport.notification.support;

import org.safereport.testing.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * The service with Kafka and the restart test's database, but its SMTP server and SMS provider unreachable
 * (nothing listens on their ports).
 */
public class UnreachablePeersProfile implements QuarkusTestProfile {

    private static int closedPort() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(closedPort()),
                "notification.sms.base-url", "http://127.0.0.1:" + closedPort(),
                "notification.sms.account-sid", SmsProviderTestResource.ACCOUNT_SID,
                "notification.sms.auth-token", SmsProviderTestResource.AUTH_TOKEN,
                "notification.sms.from", SmsProviderTestResource.FROM);
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(SharedDatabaseTestResource.class));
    }
}
