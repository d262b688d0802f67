package org.safereport.notification;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.safereport.notification.support.Deliveries;
import org.safereport.notification.support.Mails;
import org.safereport.notification.support.Requests;
import org.safereport.notification.support.SmsProviderTestResource;
import org.safereport.notification.support.StatusEvents;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.SmtpTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How requests are taken in: each (request, channel) once, whatever Kafka redelivers; unreadable ones set aside. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmsProviderTestResource.class, scope = TestResourceScope.GLOBAL)
class RequestConsumptionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DLQ = "notifications.requested.v1.dlq";

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void redeliveredRequestIsSentOnceOnEachChannel() {
        Requests request = Requests.newCase("SM-DUPL-1CAT").channels("EMAIL", "SMS")
                .recipient("Riley Carrow", "chief.executive@example.org", "+447700900301");
        String event = request.json();
        for (int i = 0; i < 3; i++) {
            KafkaTopics.send("notifications.requested.v1", "case-SM-DUPL-1CAT", event);
        }

        StatusEvents.await(request.requestId(), 2, StatusEvents.sent(), TIMEOUT);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                Mails.about(SmtpTestResource.greenMail(), "SM-DUPL-1CAT").size() == 1
                        && SmsProviderTestResource.wireMock().findAll(postRequestedFor(urlEqualTo(SmsProviderTestResource.MESSAGES_PATH))
                        .withRequestBody(containing("SM-DUPL-1CAT"))).size() == 1);
        assertThat(Deliveries.ofRequest(request.requestId())).hasSize(2);
        // A transient failure on the way is reported too; what must not repeat is the sending.
        assertThat(StatusEvents.all(request.requestId(), Duration.ofSeconds(1)))
                .filteredOn(StatusEvents.sent()::test)
                .extracting(status -> status.get("channel").asText())
                .containsExactlyInAnyOrder("EMAIL", "SMS");
        // What ops watch: deliveries that ended, by channel and outcome.
        assertThat(get("/q/metrics").asString())
                .containsPattern("notification_deliveries_total\\{channel=\"EMAIL\",outcome=\"sent\"[^}]*} [1-9]")
                .containsPattern("notification_deliveries_total\\{channel=\"SMS\",outcome=\"sent\"[^}]*} [1-9]");
    }

    @Test
    void unreadableRequestGoesToTheDeadLetterTopicAndTheNextIsStillDelivered() {
        String poison = "{\"eventType\": \"notification.requested\", \"schemaVersion\": 1, \"requestId\": \"not-a-uuid-POISON-7Q";
        KafkaTopics.send("notifications.requested.v1", "case-poison", poison);
        String incomplete = Requests.newCase("SM-NOCH-ANL1").channels().json().replace("\"channels\":[]", "\"channels\":[\"PIGEON\"]");
        KafkaTopics.send("notifications.requested.v1", "case-incomplete", incomplete);
        Requests good = Requests.newCase("SM-AFTR-P01S").send();

        List<ConsumerRecord<String, String>> dead = KafkaTopics.awaitRecords(DLQ, 2,
                record -> record.value().contains("POISON-7Q") || record.value().contains("SM-NOCH-ANL1"), TIMEOUT);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(poison, incomplete);
        assertThat(dead).allSatisfy(record -> assertThat(header(record, "dead-letter-reason")).isNotBlank());
        assertThat(dead).anySatisfy(record -> assertThat(header(record, "dead-letter-reason")).contains("PIGEON"));

        await().atMost(TIMEOUT).until(() -> Mails.about(SmtpTestResource.greenMail(), "SM-AFTR-P01S").size() == 1);
        StatusEvents.await(good.requestId(), 1, StatusEvents.sent(), TIMEOUT);
        assertThat(Deliveries.ofCases(List.of("SM-NOCH-ANL1"))).isEmpty();
    }
}
