package org.safereport.escalation.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.FormPost;
import org.safereport.escalation.SignedIn;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.fuzz.FuzzTally;
import org.safereport.testing.fuzz.HostileInput;
import org.safereport.testing.fuzz.PageCheck;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.safereport.escalation.CaseFixtures.requests;
import static org.safereport.escalation.fuzz.FuzzInputs.raw;
import static org.safereport.escalation.fuzz.FuzzInputs.segment;

/**
 * Script and HTML payloads sent where the escalation service's pages could show them: a report's reference
 * (from the report event, refused unless it is intake's form), a delivery failure's reason (from the notification
 * service), a case's outcome (from the staff who close it), and a reference typed into the case page's
 * address. The staff case page {@code /cases/{reference}} and the acknowledgement page must show each as
 * text, never as markup ({@link PageCheck}).
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class ScriptPayloadTest {

    @Inject
    AdjustableClock clock;

    private static RequestSpecification chiefExecutive() {
        return raw().auth().oauth2(SignedIn.token("chief-executive"));
    }

    @Test
    void payloadsAreTextOnTheCaseAndAcknowledgementPages() {
        FuzzTally tally = new FuzzTally("script payloads on escalation pages", HostileInput.seed());

        // A reference is intake's SM-XXXX-XXXX: an event carrying script there is refused with its reason and opens no case.
        Map<String, UUID> refused = new LinkedHashMap<>();
        HostileInput.shortScripts().forEach(payload -> refused.put(payload,
                CaseFixtures.publishReport(clock.instant(), payload, "RESIDENT_CONTACT", false, "support.worker@example.org", null)));
        List<ConsumerRecord<String, String>> deadLetters = KafkaTopics.awaitRecords("reports.submitted.v1.dlq", refused.size(),
                record -> refused.values().stream().anyMatch(id -> record.value().contains(id.toString())), CaseFixtures.WAIT);
        refused.forEach((payload, reportId) -> tally.check("report event with the reference " + payload, () -> {
            assertThat(deadLetters).filteredOn(record -> record.value().contains(reportId.toString())).singleElement()
                    .extracting(record -> new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .asString().contains("reference");
            assertThat(QuarkusTransaction.requiringNew().call(() -> EscalationCase.count("reportId", reportId))).as("cases").isZero();
        }));

        for (String payload : HostileInput.scripts()) {
            String reference = CaseFixtures.fileReport(clock.instant(), "INAPPROPRIATE_MATERIAL", false);
            JsonNode request = requests(reference, 1).get(0);
            failedForGood(request, payload);
            await().atMost(CaseFixtures.WAIT).until(() -> CaseFixtures.timelineCount(reference, "DELIVERY") == 1);
            String link = FuzzInputs.linkPath(request);
            check(tally, "acknowledgement page of the case with the reason " + payload, raw().get(link), 200, null);
            check(tally, "acknowledgement page of the case with the reason " + payload + " after the button", FormPost.press(link), 200, null);
            String id = CaseFixtures.escalationCase(reference).id.toString();
            chiefExecutive().contentType("application/json")
                    .body("{\"outcome\": " + HostileInput.jsonString(payload) + ", \"internalNote\": " + HostileInput.jsonString(payload) + "}")
                    .post("/api/v1/cases/" + id + "/close").then().statusCode(200);
            check(tally, "case page with the reason and outcome " + payload, chiefExecutive().get("/cases/" + reference), 200, payload);
        }

        for (String typed : HostileInput.strings()) {
            // An empty reference is the address /cases/, which is no page at all.
            if (!typed.isEmpty() && typed.length() < 1_000) {
                check(tally, "case page for the address " + HostileInput.describe(typed), chiefExecutive().get("/cases/" + segment(typed)), 404,
                        HostileInput.scripts().contains(typed) ? typed : null);
            }
        }
        tally.finish();
    }

    /** The page is HTML with the status expected, no payload as markup, and {@code shown} (if given) as text. */
    private static void check(FuzzTally tally, String what, Response response, int status, String shown) {
        tally.check(what, response.statusCode(), () -> {
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.contentType()).startsWith("text/html");
            assertThat(PageCheck.injected(response.asString())).as("payloads turned into markup").isEmpty();
            if (shown != null) {
                assertThat(PageCheck.showsAsText(response.asString(), shown)).as("shown as text").isTrue();
            }
        });
    }

    /** What the notification service reports when a message could not be delivered: here with a payload as the reason. */
    private void failedForGood(JsonNode request, String reason) {
        String requestId = request.get("requestId").asText();
        KafkaTopics.send("notifications.status.v1", requestId, """
                {"eventId": "%s", "eventType": "notification.status", "schemaVersion": 1, "occurredAt": "%s",
                 "requestId": "%s", "deliveryId": "%s", "caseReference": %s, "channel": "EMAIL", "outcome": "FAILED",
                 "permanent": true, "reason": %s, "attempts": 3}
                """.formatted(UUID.randomUUID(), clock.instant(), requestId, UUID.randomUUID(),
                HostileInput.jsonString(request.get("caseReference").asText()), HostileInput.jsonString(reason)));
    }
}
