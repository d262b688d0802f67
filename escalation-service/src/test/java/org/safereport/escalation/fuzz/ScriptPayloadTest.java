package org.safereport.escalation.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.fuzz.FuzzTally;
import org.safereport.testing.fuzz.HostileInput;
import org.safereport.testing.fuzz.PageCheck;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.safereport.escalation.CaseFixtures.requests;
import static org.safereport.escalation.fuzz.FuzzInputs.raw;
import static org.safereport.escalation.fuzz.FuzzInputs.segment;

/**
 * Script and HTML payloads stored where the escalation service's pages show them: a report's reference
 * (from the report event; 12 characters at most), a delivery failure's reason (from the notification
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
        return raw().auth().preemptive().basic("chief-executive", "password-of-chief-executive");
    }

    @Test
    void payloadsAreTextOnTheCaseAndAcknowledgementPages() {
        FuzzTally tally = new FuzzTally("script payloads on escalation pages", HostileInput.seed());

        for (String payload : HostileInput.shortScripts()) {
            String reference = CaseFixtures.fileReport(clock.instant(), payload, "RESIDENT_CONTACT", false, "support.worker@example.org", null);
            String link = FuzzInputs.linkPath(requests(reference, 1).get(0));
            check(tally, "case page of the case " + payload, chiefExecutive().get("/cases/" + segment(payload)), 200, payload);
            check(tally, "acknowledgement page of the case " + payload, raw().get(link), 200, payload);
            check(tally, "acknowledgement page of the case " + payload + " after the button", raw().post(link), 200, payload);
        }

        for (String payload : HostileInput.scripts()) {
            String reference = CaseFixtures.fileReport(clock.instant(), "INAPPROPRIATE_MATERIAL", false);
            JsonNode request = requests(reference, 1).get(0);
            failedForGood(request, payload);
            await().atMost(CaseFixtures.WAIT).until(() -> CaseFixtures.timelineCount(reference, "DELIVERY") == 1);
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
