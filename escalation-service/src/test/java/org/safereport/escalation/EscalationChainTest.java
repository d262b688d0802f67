package org.safereport.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.deadlines.DeadlineEngine;
import org.safereport.escalation.health.CaseGauges;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.RawTables;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.safereport.escalation.CaseFixtures.requests;
import static org.safereport.escalation.CaseFixtures.state;
import static org.safereport.escalation.CaseFixtures.summary;
import static org.safereport.escalation.CaseFixtures.timelineCount;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Deadlines, the escalation chain and acknowledgement on the real broker and database, with the
 * service's clock moved forward by the test.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class EscalationChainTest {

    private static final Duration WAIT = CaseFixtures.WAIT;

    @Inject
    AdjustableClock clock;

    @Inject
    DeadlineEngine deadlines;

    @Inject
    CaseGauges gauges;

    @Inject
    AgroalDataSource dataSource;

    private String fileReport(String category, boolean youngPersonAtRisk) {
        return CaseFixtures.fileReport(clock.instant(), category, youngPersonAtRisk);
    }

    private static String ackPath(JsonNode request) {
        return URI.create(request.get("acknowledgementLink").asText()).getPath();
    }

    @ParameterizedTest(name = "{0} reaches {1} first")
    @CsvSource({
            "RESIDENT_CONTACT, dsl", "SAFEGUARDING_CONCERN, dsl", "UNINTENDED_CONTACT, chief-executive",
            "INAPPROPRIATE_MATERIAL, chief-executive", "SECURITY_EXPOSURE, chief-executive", "POLICY_BREACH, chief-executive",
            "MEDIA_ENQUIRY, team-leader", "CONFIDENTIALITY_QUESTION, team-leader", "CONFLICT_OF_INTEREST, team-leader",
            "PRESENTATION_DOUBT, team-leader", "GRIEVANCE, team-leader"})
    void everyCategoryReachesTheRightFirstPerson(String category, String firstPerson) {
        String reference = fileReport(category, false);

        assertThat(summary(requests(reference, 1))).containsExactly("new-case " + firstPerson);
    }

    @Test
    void deadlinesCountFromTheSubmissionAsTheReporterWasToldEvenWhenTheEventArrivesLate() {
        // Held back 90 minutes (a broker outage): the reporter was told "within 1 hour" of submitting.
        Instant submitted = clock.instant().minus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.SECONDS);
        String reference = CaseFixtures.fileReport(submitted, "RESIDENT_CONTACT", false);

        assertThat(QuarkusTransaction.requiringNew().call(() -> CaseStep.<CaseStep>find("caseId = ?1 and stepIndex = 0",
                CaseFixtures.escalationCase(reference).id).firstResult().dueAt)).isEqualTo(submitted.plus(Duration.ofHours(1)));
        deadlines.fireDue();
        assertThat(summary(requests(reference, 2))).as("the DSL's hour is already over: the deputy is told at once")
                .containsExactly("new-case dsl", "escalation deputy-dsl");
    }

    @Test
    void unacknowledgedCaseRunsTheChainToItsEndThenRemindsTheLastRecipient() {
        String reference = fileReport("UNINTENDED_CONTACT", false);
        assertThat(summary(requests(reference, 1))).containsExactly("new-case chief-executive");
        deadlines.fireDue();
        assertThat(state(reference)).as("nothing is due yet").isEqualTo(CaseState.NOTIFIED);

        clock.advance(Duration.ofHours(4).plusMinutes(1));
        deadlines.fireDue();
        List<JsonNode> sent = requests(reference, 2);
        assertThat(summary(sent)).containsExactly("new-case chief-executive", "escalation chair");
        assertThat(state(reference)).isEqualTo(CaseState.ESCALATED);
        // The sample directory's Chair lives abroad: their messages give deadlines in their own time.
        assertThat(sent.get(0).get("data").has("timeZone")).isFalse();
        assertThat(sent.get(1).get("data").get("timeZone").asText()).isEqualTo("Europe/Madrid");

        clock.advance(Duration.ofHours(4).plusMinutes(1));
        deadlines.fireDue();
        assertThat(summary(requests(reference, 3))).endsWith("reminder chair");
        assertThat(state(reference)).isEqualTo(CaseState.OVERDUE);
        gauges.refresh();
        assertThat(given().get("/q/metrics").asString()).containsPattern("(?m)^escalation_cases_overdue(\\{[^}]*})? [1-9]");
        deadlines.fireDue();
        assertThat(timelineCount(reference, "REMINDED")).as("a deadline fires once").isEqualTo(1);

        clock.advance(Duration.ofHours(4).plusMinutes(1));
        deadlines.fireDue();
        assertThat(summary(requests(reference, 4))).endsWith("reminder chair", "reminder chair");
    }

    @Test
    void acknowledgementStopsTheChainAndTellsTheEarlierRecipients() {
        String reference = fileReport("RESIDENT_CONTACT", false);
        clock.advance(Duration.ofMinutes(61));
        deadlines.fireDue();
        List<JsonNode> sent = requests(reference, 2);
        assertThat(summary(sent)).containsExactly("new-case dsl", "escalation deputy-dsl");
        String deputysLink = ackPath(sent.get(1));

        // Opening the link (as a mail scanner would) acknowledges nothing.
        given().when().get(deputysLink).then().statusCode(200).body(containsString("I've got this"));
        assertThat(state(reference)).isEqualTo(CaseState.ESCALATED);

        FormPost form = FormPost.from(given(), deputysLink);
        form.post(given(), deputysLink).then().statusCode(200).body(containsString("this case is yours"));
        assertThat(state(reference)).isEqualTo(CaseState.ACKNOWLEDGED);
        assertThat(summary(requests(reference, 3))).endsWith("acknowledged dsl");
        // What ops watch: cases opened by category, and the time to the first acknowledgement (61 minutes here).
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("escalation_cases_opened_total\\{category=\"RESIDENT_CONTACT\"[^}]*} [1-9]")
                .containsPattern("escalation_acknowledgement_time_seconds_bucket\\{category=\"RESIDENT_CONTACT\",chain=\"category\"");

        clock.advance(Duration.ofHours(3));
        deadlines.fireDue();
        assertThat(timelineCount(reference, "ESCALATED")).as("an acknowledged case escalates no further").isEqualTo(1);
        // The DSL's own link, used late, says who has it.
        form.post(given(), ackPath(sent.get(0))).then().statusCode(200).body(containsString("DEPUTY DSL acknowledged"));
    }

    @Test
    void youngPersonAtRiskOnAGrievanceNotifiesTheDslAsWell() {
        String reference = fileReport("GRIEVANCE", true);

        assertThat(summary(requests(reference, 2))).containsExactlyInAnyOrder("new-case team-leader", "new-case dsl");
    }

    @Test
    void aTextMessagesShortLinkLeadsToTheSignedLinksPage() {
        String reference = fileReport("SAFEGUARDING_CONCERN", false);
        JsonNode request = requests(reference, 1).get(0);
        String shortLink = request.get("data").get("shortAcknowledgementLink").asText();
        assertThat(shortLink).hasSizeLessThan(60).contains("/a/");

        given().redirects().follow(false).when().get(URI.create(shortLink).getPath()).then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith(ackPath(request)));
        given().when().get(URI.create(shortLink).getPath()).then().statusCode(200).body(containsString("I've got this"));
        given().when().get("/a/notacode22").then().statusCode(404);
        given().urlEncodingEnabled(false).when().get("/a/%00").then().statusCode(404).body(containsString("not valid"));
    }

    @Test
    void aCasesSignedLinksAndShortCodesAreStoredNowhereInClearAndStillAcknowledge() {
        String reference = fileReport("SAFEGUARDING_CONCERN", false);
        JsonNode request = requests(reference, 1).get(0);
        String ackPath = ackPath(request);
        String shortPath = URI.create(request.get("data").get("shortAcknowledgementLink").asText()).getPath();
        String token = ackPath.substring("/ack/".length());
        String code = shortPath.substring("/a/".length());

        // The request's outbox row too: read once the relay has marked it published.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(RawTables.rowsContaining(dataSource, token)).as("rows holding the signed token").isEmpty();
            assertThat(RawTables.rowsContaining(dataSource, code)).as("rows holding the short code").isEmpty();
        });
        given().redirects().follow(false).when().get(shortPath).then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith(ackPath));
        FormPost.from(given(), ackPath).post(given(), ackPath).then().statusCode(200).body(containsString("this case is yours"));
        assertThat(state(reference)).isEqualTo(CaseState.ACKNOWLEDGED);
    }

    @Test
    void forgedOrAlteredLinksAreRefused() {
        String reference = fileReport("MEDIA_ENQUIRY", false);
        String link = ackPath(requests(reference, 1).get(0));

        // The signature's first character, which (unlike its last) carries no bits a decoder may drop.
        int signature = link.lastIndexOf('.') + 1;
        String forged = link.substring(0, signature) + (link.charAt(signature) == 'A' ? 'B' : 'A') + link.substring(signature + 1);
        FormPost.from(given(), link).post(given(), forged).then().statusCode(404);
        given().when().get("/ack/not-a-token").then().statusCode(404).body(containsString("not valid"));
        assertThat(state(reference)).isEqualTo(CaseState.NOTIFIED);
    }

    @Test
    void expiredLinksAreRefused() {
        String reference = fileReport("CONFLICT_OF_INTEREST", false);
        String link = ackPath(requests(reference, 1).get(0));

        FormPost form = FormPost.from(given(), link);
        clock.advance(Duration.ofDays(8));
        form.post(given(), link).then().statusCode(404);
        assertThat(Instant.now()).isBefore(clock.instant());
    }

    private void reportDelivery(JsonNode request, String channel, String outcome, boolean permanent) {
        String requestId = request.get("requestId").asText();
        KafkaTopics.send("notifications.status.v1", requestId, """
                {"eventId": "%s", "eventType": "notification.status", "schemaVersion": 1, "occurredAt": "%s",
                 "requestId": "%s", "deliveryId": "%s", "caseReference": "%s", "channel": "%s", "outcome": "%s",
                 "permanent": %s, "reason": %s, "attempts": 3}
                """.formatted(UUID.randomUUID(), clock.instant(), requestId, UUID.randomUUID(),
                request.get("caseReference").asText(), channel, outcome, permanent,
                "SENT".equals(outcome) ? "null" : "\"SMTP 550 5.1.1 mailbox unavailable\""));
    }

    @Test
    void aStepNobodyCanBeReachedAtEscalatesAtOnce() {
        String reference = fileReport("SAFEGUARDING_CONCERN", false);
        JsonNode first = requests(reference, 1).get(0);
        assertThat(first.get("channels")).hasSize(2);

        reportDelivery(first, "EMAIL", "FAILED", true);
        await().atMost(WAIT).until(() -> timelineCount(reference, "DELIVERY") == 1);
        assertThat(state(reference)).as("the text message may still arrive").isEqualTo(CaseState.NOTIFIED);

        reportDelivery(first, "SMS", "FAILED", true);
        List<JsonNode> sent = requests(reference, 3);
        assertThat(summary(sent)).containsExactlyInAnyOrder("new-case dsl", "escalation deputy-dsl", "unreachable chief-executive");
        assertThat(state(reference)).isEqualTo(CaseState.ESCALATED);
        assertThat(timelineCount(reference, "UNREACHABLE")).isEqualTo(1);
        // No step ends in silence: the policy's last resort is told why; the DSL is the one not reached, so the Chief Executive.
        JsonNode lastResort = sent.stream().filter(request -> request.get("template").asText().equals("unreachable")).findFirst().orElseThrow();
        assertThat(lastResort.get("data").get("role").asText()).isEqualTo("DSL");
        assertThat(lastResort.get("data").get("nowWithRole").asText()).isEqualTo("DEPUTY_DSL");
        assertThat(lastResort.get("data").get("reason").asText()).contains("failed for good");
        assertThat(timelineCount(reference, "LAST_RESORT")).isEqualTo(1);

        // A redelivered outcome changes nothing.
        reportDelivery(first, "SMS", "FAILED", true);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> timelineCount(reference, "DELIVERY") == 2);
        assertThat(timelineCount(reference, "ESCALATED")).isEqualTo(1);
    }

    @Test
    void aTransientFailureThenADeliveryKeepsTheDeadline() {
        String reference = fileReport("RESIDENT_CONTACT", false);
        JsonNode first = requests(reference, 1).get(0);

        reportDelivery(first, "EMAIL", "FAILED", false);
        reportDelivery(first, "EMAIL", "SENT", false);
        reportDelivery(first, "SMS", "FAILED", true);
        await().atMost(WAIT).until(() -> timelineCount(reference, "DELIVERY") == 2);
        assertThat(state(reference)).as("the email reached the DSL").isEqualTo(CaseState.NOTIFIED);
        assertThat(timelineCount(reference, "UNREACHABLE")).isZero();
    }
}
