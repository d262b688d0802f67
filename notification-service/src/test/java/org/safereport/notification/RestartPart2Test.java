package org.safereport.notification;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.notification.persistence.Delivery;
import org.safereport.notification.support.Deliveries;
import org.safereport.notification.support.Mails;
import org.safereport.notification.support.ResumedProfile;
import org.safereport.notification.support.SmsProviderTestResource;
import org.safereport.testing.SmtpTestResource;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Second half of the restart test: the restarted service sends what the stopped one left due, each once. */
@QuarkusTest
@TestProfile(ResumedProfile.class)
class RestartPart2Test {

    private static List<LoggedRequest> textsAbout(String reference) {
        return SmsProviderTestResource.wireMock().findAll(postRequestedFor(urlEqualTo(SmsProviderTestResource.MESSAGES_PATH))
                .withRequestBody(containing(reference)));
    }

    @Test
    void deliveriesLeftDueBeforeTheRestartAreEachSentOnce() {
        assertThat(Deliveries.ofCases(RestartPart1Test.REFERENCES)).as(
                "deliveries left due by RestartPart1Test, which runs first").hasSize(4);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Deliveries.ofCases(RestartPart1Test.REFERENCES))
                        .allSatisfy(delivery -> assertThat(delivery.state).isEqualTo(DeliveryState.SENT)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (String reference : RestartPart1Test.REFERENCES) {
                assertThat(Mails.about(SmtpTestResource.greenMail(), reference)).as("emails about " + reference).hasSize(1);
                assertThat(textsAbout(reference)).as("texts about " + reference).hasSize(1);
            }
        });
        // Each had failed before the restart, and was attempted again after it.
        assertThat(Deliveries.ofCases(RestartPart1Test.REFERENCES))
                .allSatisfy(delivery -> assertThat(delivery.attempts).isGreaterThanOrEqualTo(2));
    }
}
