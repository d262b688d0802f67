package org.safereport.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.notification.persistence.Delivery;
import org.safereport.notification.support.Deliveries;
import org.safereport.notification.support.Requests;
import org.safereport.notification.support.UnreachablePeersProfile;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * First half of the restart test: requests accepted while the SMTP server and SMS provider are unreachable,
 * so that their deliveries are still due when this application stops. {@link RestartPart2Test} is the
 * restarted service on the same database (Quarkus runs the test classes of one application together, and the applications in the order of their
 * first test class's name, so Part1 before Part2).
 */
@QuarkusTest
@TestProfile(UnreachablePeersProfile.class)
class RestartPart1Test {

    static final List<String> REFERENCES = List.of("SM-RSTRT-001", "SM-RSTRT-002");

    @Test
    void deliveriesAreStillDueWhenTheServiceStops() {
        for (String reference : REFERENCES) {
            Requests.newCase(reference).channels("EMAIL", "SMS")
                    .recipient("Riley Carrow", "dsl@example.org", "+447700900501").send();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Delivery> deliveries = Deliveries.ofCases(REFERENCES);
            assertThat(deliveries).hasSize(4).allSatisfy(delivery -> {
                assertThat(delivery.state).isEqualTo(DeliveryState.FAILED_TRANSIENT);
                assertThat(delivery.attempts).isGreaterThanOrEqualTo(1);
            });
        });
        // The application stops here, with all four deliveries still to send.
    }
}
