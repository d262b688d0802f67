package org.safereport.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.notification.domain.Gsm7;
import org.safereport.notification.persistence.Delivery;
import org.safereport.notification.support.Deliveries;
import org.safereport.notification.support.Requests;
import org.safereport.notification.support.SmsProviderTestResource;
import org.safereport.notification.support.StatusEvents;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.RawTables;
import org.safereport.testing.SmtpTestResource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Text messages through a real HTTP peer (WireMock) that speaks the Twilio-compatible Messages API. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmsProviderTestResource.class, scope = TestResourceScope.GLOBAL)
class SmsDeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    private static WireMockServer provider() {
        return SmsProviderTestResource.wireMock();
    }

    private static List<LoggedRequest> textsTo(String number) {
        return provider().findAll(postRequestedFor(urlEqualTo(SmsProviderTestResource.MESSAGES_PATH))
                .withFormParam("To", equalTo(number)));
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)));
    }

    /** The first {@code failures} attempts to {@code number} get {@code status}, the next ones are accepted. */
    private static void failFirst(String number, int status, int failures) {
        String scenario = "texts to " + number;
        String state = Scenario.STARTED;
        for (int i = 1; i <= failures; i++) {
            provider().stubFor(post(urlEqualTo(SmsProviderTestResource.MESSAGES_PATH)).atPriority(1)
                    .withFormParam("To", equalTo(number))
                    .inScenario(scenario).whenScenarioStateIs(state).willSetStateTo("failed " + i)
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\": 20" + status + ", \"message\": \"Try again later\", \"status\": " + status + "}")));
            state = "failed " + i;
        }
    }

    @Test
    void urgentRequestIsTextedWithReferenceDeadlineAndLinkOnly() {
        String number = "+447700900201";
        Requests request = Requests.newCase("SM-SMS1-OK01").channels("SMS")
                .acknowledgementLink("https://safereport.example.org/ack/Ab3").recipient("Riley Carrow", "dsl@example.org", number)
                .send();

        JsonNode sent = StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT).get(0);
        assertThat(sent.path("channel").asText()).isEqualTo("SMS");
        List<LoggedRequest> texts = textsTo(number);
        assertThat(texts).hasSize(1);
        Map<String, String> form = form(texts.get(0));
        assertThat(form).containsEntry("To", number).containsEntry("From", SmsProviderTestResource.FROM);
        String body = form.get("Body");
        assertThat(body).isEqualTo("SafeReport: report SM-SMS1-OK01 needs your response within 1 hour."
                + " Open: https://safereport.example.org/ack/Ab3");
        assertThat(Gsm7.septets(body).orElseThrow()).isLessThanOrEqualTo(160);
        // A locked phone's screen shows the text to whoever picks the phone up.
        assertThat(body).doesNotContainIgnoringCase("safeguarding").doesNotContain("Urgent", "Riley", "Carrow", "resident", "Advise");
        String credentials = SmsProviderTestResource.ACCOUNT_SID + ":" + SmsProviderTestResource.AUTH_TOKEN;
        assertThat(texts.get(0).getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        assertThat(texts.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Delivery delivery = Deliveries.ofRequest(request.requestId(), "SMS");
            assertThat(delivery.state).isEqualTo(DeliveryState.SENT);
            assertThat(delivery.providerMessageId).startsWith("SM").hasSize(34);
        });
    }

    @Test
    void aTextWhoseRoundCouldNotBeCommittedIsRecordedAndNotSentAgain() throws Exception {
        String number = "+447700900207";
        // Slow enough to cut the dispatcher's database session while this text is being sent.
        provider().stubFor(post(urlEqualTo(SmsProviderTestResource.MESSAGES_PATH)).atPriority(1)
                .withFormParam("To", equalTo(number)).willReturn(SmsProviderTestResource.queued().withFixedDelay(1500)));
        double countedBefore = sentTextsCounted();
        Requests request = Requests.newCase("SM-SMS7-DBGN").channels("SMS").recipient("Riley Carrow", "dsl@example.org", number).send();

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> textsTo(number).size() == 1);
        assertThat(endRoundsWaitingOnTheirSends()).as("sessions of rounds waiting on their sends, ended").isPositive();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Delivery delivery = Deliveries.ofRequest(request.requestId(), "SMS");
            assertThat(delivery.state).isEqualTo(DeliveryState.SENT);
            assertThat(delivery.attempts).isEqualTo(1);
        });
        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> textsTo(number).size() == 1);
        assertThat(sentTextsCounted() - countedBefore).as("attempts counted").isEqualTo(1);
    }

    private double sentTextsCounted() {
        return meters.counter("notification.attempts", "channel", "SMS", "outcome", "sent").count();
    }

    /** Ends, from the database's side, each dispatcher session that has claimed deliveries and not yet committed. */
    private int endRoundsWaitingOnTheirSends() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet ended = statement.executeQuery("""
                     SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE state = 'idle in transaction' AND query LIKE '%FROM delivery%FOR UPDATE SKIP LOCKED%'
                       AND pid <> pg_backend_pid()""")) {
            int count = 0;
            while (ended.next()) {
                count++;
            }
            return count;
        }
    }

    @Test
    void aLinkTooLongForOneTextIsLeftForTheEmail() {
        String number = "+447700900206";
        String longLink = "https://safereport.example.org/ack/" + "x".repeat(140);
        Requests request = Requests.newCase("SM-SMS6-LONG").channels("SMS").acknowledgementLink(longLink)
                .recipient("Riley Carrow", "dsl@example.org", number).send();

        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
        String body = form(textsTo(number).get(0)).get("Body");
        assertThat(body).contains("SM-SMS6-LONG", "in your email").doesNotContain("https://", "safeguarding");
        assertThat(Gsm7.septets(body).orElseThrow()).isLessThanOrEqualTo(160);
    }

    @Test
    void rateLimitedTextIsRetriedAndSent() {
        String number = "+447700900202";
        failFirst(number, 429, 1);
        Requests request = Requests.newCase("SM-SMS2-R429").channels("SMS").recipient("Riley Carrow", "dsl@example.org", number).send();

        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
        List<JsonNode> events = StatusEvents.all(request.requestId(), Duration.ofSeconds(1));
        assertThat(events).extracting(event -> event.path("outcome").asText() + "/" + event.path("permanent").asBoolean()
                        + "/" + event.path("attempts").asInt())
                .containsExactly("FAILED/false/1", "SENT/false/2");
        assertThat(events.get(0).path("reason").asText()).startsWith("HTTP 429 from the SMS provider");
        assertThat(textsTo(number)).hasSize(2);
    }

    @Test
    void providerErrorIsRetriedAndSent() {
        String number = "+447700900203";
        failFirst(number, 500, 2);
        Requests request = Requests.newCase("SM-SMS3-R500").channels("SMS").recipient("Riley Carrow", "dsl@example.org", number).send();

        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
        assertThat(StatusEvents.all(request.requestId(), Duration.ofSeconds(1)))
                .extracting(event -> event.path("outcome").asText() + "/" + event.path("permanent").asBoolean())
                .containsExactly("FAILED/false", "FAILED/false", "SENT/false");
        assertThat(textsTo(number)).hasSize(3);
    }

    @Test
    void rejectedNumberIsAPermanentFailureWithTheNumberRedacted() {
        String number = "+447700900204";
        provider().stubFor(post(urlEqualTo(SmsProviderTestResource.MESSAGES_PATH)).atPriority(1)
                .withFormParam("To", equalTo(number))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 21211, \"message\": \"The 'To' number " + number + " is not a valid phone number.\", \"status\": 400}")));
        Requests request = Requests.newCase("SM-SMS4-R400").channels("SMS").recipient("Riley Carrow", "dsl@example.org", number).send();

        JsonNode failure = StatusEvents.await(request.requestId(), 1, StatusEvents.failed(true), TIMEOUT).get(0);
        assertThat(failure.path("reason").asText())
                .isEqualTo("HTTP 400 from the SMS provider: code 21211, The 'To' number <number> is not a valid phone number.");
        assertThat(failure.path("attempts").asInt()).isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> textsTo(number).size() == 1);
        Delivery delivery = Deliveries.ofRequest(request.requestId(), "SMS");
        assertThat(delivery.state).isEqualTo(DeliveryState.FAILED_PERMANENT);
        assertThat(delivery.lastError).doesNotContain("900204");
        assertThat(delivery.request).as("the request, once nothing more will be tried").isNull();
    }

    @Test
    void deliveriesThatEndedKeepNoLinkShortCodeOrNumberAtRest() throws SQLException {
        String number = "+447700900208";
        String token = "bGluay1oYXNoZXMtdGVzdA." + UUID.randomUUID();
        String code = "k7m2p9q4r8s3t6";
        Requests request = Requests.newCase("SM-SMS8-REST").channels("EMAIL", "SMS")
                .acknowledgementLink("https://safereport.example.org/ack/" + token)
                .data("shortAcknowledgementLink", "https://safereport.example.org/a/" + code)
                .recipient("Riley Carrow", "dsl@example.org", number).send();

        StatusEvents.await(request.requestId(), 2, StatusEvents.sent(), TIMEOUT);
        assertThat(form(textsTo(number).get(0)).get("Body")).endsWith("/a/" + code);
        assertThat(org.safereport.notification.support.Mails.about(SmtpTestResource.greenMail(), "SM-SMS8-REST")).hasSize(1);
        // The status events' outbox rows too: read once the relay has marked them published.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(RawTables.rowsContaining(dataSource, token)).as("rows holding the signed token").isEmpty();
            assertThat(RawTables.rowsContaining(dataSource, code)).as("rows holding the short code").isEmpty();
            assertThat(RawTables.rowsContaining(dataSource, number)).as("rows holding the mobile number").isEmpty();
        });
    }

    @Test
    void recipientWithoutAMobileIsAPermanentFailureAndEmailStillGoes() {
        Requests request = Requests.newCase("SM-SMS5-NOMB").channels("EMAIL", "SMS")
                .recipient("Riley Carrow", "dsl@example.org", null).send();

        JsonNode failure = StatusEvents.await(request.requestId(), 1, StatusEvents.failed(true).and(StatusEvents.channel("SMS")), TIMEOUT).get(0);
        assertThat(failure.path("reason").asText()).isEqualTo("the recipient has no mobile number");
        StatusEvents.await(request.requestId(), 1, StatusEvents.sent().and(StatusEvents.channel("EMAIL")), TIMEOUT);
        assertThat(org.safereport.notification.support.Mails.about(SmtpTestResource.greenMail(), "SM-SMS5-NOMB")).hasSize(1);
    }
}
