package org.safereport.notification.support;

import org.safereport.testing.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import org.safereport.testing.SmtpTestResource;

import java.util.List;

/**
 * The restart after {@link UnreachablePeersProfile}: the same database, and now real SMTP and SMS peers.
 */
public class ResumedProfile implements QuarkusTestProfile {

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(SharedDatabaseTestResource.class),
                new TestResourceEntry(SmtpTestResource.class), new TestResourceEntry(SmsProviderTestResource.class));
    }
}
