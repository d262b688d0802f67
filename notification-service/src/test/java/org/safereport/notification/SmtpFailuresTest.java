package org.safereport.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.notification.persistence.Delivery;
import org.safereport.notification.support.Deliveries;
import org.safereport.notification.support.Mails;
import org.safereport.notification.support.RejectingSmtpServer;
import org.safereport.notification.support.Requests;
import org.safereport.notification.support.SmtpPeerProfile;
import org.safereport.notification.support.StatusEvents;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An SMTP server that is down, then up; and one that refuses the recipient for good. */
@QuarkusTest
@TestProfile(SmtpPeerProfile.class)
class SmtpFailuresTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void mailIsRetriedWhileTheServerRefusesConnectionsAndSentOnceItAccepts() {
        Requests request = Requests.newCase("SM-DOWN-UP01").send();

        // Nothing listens on the SMTP port yet: every attempt is refused, and reported as transient.
        List<JsonNode> failures = StatusEvents.await(request.requestId(), 2, StatusEvents.failed(false), TIMEOUT);
        assertThat(failures.get(0).path("reason").asText()).startsWith("the mail server could not be reached");

        GreenMail server = new GreenMail(new ServerSetup(SmtpPeerProfile.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        try {
            JsonNode sent = StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT).get(0);
            assertThat(sent.path("attempts").asInt()).isGreaterThanOrEqualTo(3);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> Mails.about(server, "SM-DOWN-UP01").size() == 1);
            MimeMessage mail = Mails.about(server, "SM-DOWN-UP01").get(0);
            assertThat(mail.getSubject()).isEqualTo("[Urgent - safeguarding] SM-DOWN-UP01: report needs your response within 1 hour");
            Delivery delivery = Deliveries.ofRequest(request.requestId(), "EMAIL");
            assertThat(delivery.state).isEqualTo(DeliveryState.SENT);
            assertThat(delivery.attempts).isEqualTo(sent.path("attempts").asInt());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            server.stop();
        }
    }

    @Test
    void recipientRejectedWith5xxIsReportedAsAPermanentFailure() throws Exception {
        try (RejectingSmtpServer server = new RejectingSmtpServer(SmtpPeerProfile.smtpPort())) {
            Requests request = Requests.newCase("SM-REJ5-50XX")
                    .recipient("Casey Rowe", "no.such.mailbox@example.org", "+447700900401").send();

            JsonNode failure = StatusEvents.await(request.requestId(), 1, StatusEvents.failed(true), TIMEOUT).get(0);
            assertThat(failure.path("reason").asText()).startsWith("SMTP 550 from the mail server")
                    .contains("<address>", "User unknown").doesNotContain("no.such.mailbox", "example.org");
            // The 550 is not tried again (one rejected recipient below); an attempt before it may have failed
            // transiently, on a pooled connection to the previous test's server, which is gone.
            assertThat(failure.path("attempts").asInt()).isBetween(1, 2);
            assertThat(failure.path("channel").asText()).isEqualTo("EMAIL");
            assertThat(failure.path("caseReference").asText()).isEqualTo("SM-REJ5-50XX");

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> server.rejectedRecipients() == 1);
            Delivery delivery = Deliveries.ofRequest(request.requestId(), "EMAIL");
            assertThat(delivery.state).isEqualTo(DeliveryState.FAILED_PERMANENT);
            // Nothing after the 550: every event before it is that one transient failure, if it happened.
            List<JsonNode> events = StatusEvents.all(request.requestId(), Duration.ofSeconds(1));
            assertThat(events).hasSize(failure.path("attempts").asInt());
            assertThat(events.get(events.size() - 1).path("permanent").asBoolean()).isTrue();
            assertThat(events.subList(0, events.size() - 1)).allSatisfy(before -> {
                assertThat(before.path("permanent").asBoolean()).isFalse();
                assertThat(before.path("reason").asText()).startsWith("the mail server could not be reached");
            });
        }
    }
}
