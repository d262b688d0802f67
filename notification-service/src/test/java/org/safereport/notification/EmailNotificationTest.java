package org.safereport.notification;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.notification.persistence.Delivery;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.SmtpTestResource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpTestResource.class, scope = TestResourceScope.GLOBAL)
class EmailNotificationTest {

    private static String request(UUID requestId, String reference, String email, String priority) {
        return """
                {"eventId": "%s", "eventType": "notification.requested", "schemaVersion": 1,
                 "occurredAt": "2026-11-25T12:00:00Z", "requestId": "%s", "caseReference": "%s",
                 "recipient": {"personId": "dsl", "name": "Riley Carrow", "email": "%s", "mobile": "+447700900103"},
                 "channels": ["EMAIL"], "template": "new-case",
                 "data": {"categoryLabel": "A resident made social or inappropriate contact with me",
                          "urgency": "Urgent - safeguarding", "role": "DSL", "within": "1 hour",
                          "dueAt": "2026-11-25T13:00:00Z", "dueAtLocal": "Wednesday 25 November 2026 at 13:00 GMT",
                          "recipientAction": "Advise the member on how to respond to the resident, before they respond."},
                 "acknowledgementLink": null, "priority": "%s"}
                """.formatted(UUID.randomUUID(), requestId, reference, email, priority);
    }

    private static List<MimeMessage> mailsFor(String reference) {
        return Arrays.stream(SmtpTestResource.greenMail().getReceivedMessages())
                .filter(message -> GreenMailUtil.getWholeMessage(message).contains(reference))
                .toList();
    }

    @Test
    void requestedNotificationIsEmailedOverSmtpWithUrgencyAndReference() throws Exception {
        String reference = "SM-7KQ4-2M9X";
        UUID requestId = UUID.randomUUID();
        KafkaTopics.send("notifications.requested.v1", requestId.toString(),
                request(requestId, reference, "dsl@example.org", "HIGH"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsFor(reference).size() == 1);
        MimeMessage mail = mailsFor(reference).get(0);
        assertThat(mail.getSubject())
                .isEqualTo("[Urgent - safeguarding] SM-7KQ4-2M9X: report needs your response within 1 hour");
        assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("dsl@example.org");
        assertThat(mail.getFrom()[0].toString()).contains("safereport@example.org");
        assertThat(mail.getHeader("Importance")).containsExactly("high");
        String body = GreenMailUtil.getWholeMessage(mail);
        assertThat(body).contains("Wednesday 25 November 2026 at 13:00 GMT", "Advise the member", "text/html", "text/plain");
        assertThat(mail.getMessageID()).isNotBlank();

        Delivery delivery = Delivery.find("requestId", requestId).firstResult();
        assertThat(delivery.state).isEqualTo(DeliveryState.SENT);
        assertThat(mail.getMessageID()).isEqualTo("<" + delivery.id + "@safereport.invalid>");
    }

    @Test
    void redeliveredRequestIsSentOnce() {
        String reference = "SM-DUPL-1CAT";
        UUID requestId = UUID.randomUUID();
        String event = request(requestId, reference, "chief.executive@example.org", "NORMAL");
        KafkaTopics.send("notifications.requested.v1", requestId.toString(), event);
        KafkaTopics.send("notifications.requested.v1", requestId.toString(), event);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsFor(reference).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> mailsFor(reference).size() == 1);
        assertThat(Delivery.count("requestId", requestId)).isEqualTo(1);
    }
}
