package org.safereport.intake;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.persistence.Report;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class CaseStatusTest {

    @BeforeEach
    void policyIsKnown() {
        TestData.awaitPolicy();
    }

    private static void publish(UUID eventId, String reportId, String reference, String state, String roleTitle,
                                Instant occurredAt, String outcome) {
        KafkaTopics.send("cases.status.v1", reportId, """
                {"eventId": "%s", "eventType": "case.status", "schemaVersion": 1, "occurredAt": "%s",
                 "reportId": "%s", "reference": "%s", "state": "%s", "withRole": "X", "withRoleTitle": %s,
                 "respondBy": %s, "outcome": %s, "futureField": 1}
                """.formatted(eventId, occurredAt, reportId, reference, state,
                roleTitle == null ? "null" : "\"" + roleTitle + "\"",
                state.equals("NOTIFIED") || state.equals("ESCALATED") ? "\"" + occurredAt.plusSeconds(3600) + "\"" : "null",
                outcome == null ? "null" : "\"" + outcome + "\""));
    }

    private static String reportId(String reference) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> Report.findByReference(reference).orElseThrow().id.toString());
    }

    private static void awaitStatus(String reference, String code, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Receipt-Code", code)
                .get("/api/v1/reports/" + reference).then().statusCode(200).body("status", equalTo(status)));
    }

    @Test
    void statusEventsMoveTheReportOnAndOlderOrRepeatedOnesChangeNothing() {
        String[] filed = TestData.file(TestData.report("RESIDENT_CONTACT", "A resident sent me a friend request on Instagram."));
        String reference = filed[0];
        String id = reportId(reference);
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

        publish(UUID.randomUUID(), id, reference, "ESCALATED", "the Deputy Designated Safeguarding Lead", t0.plusSeconds(3600), null);
        awaitStatus(reference, filed[1], "WITH_ROLE");
        given().header("Receipt-Code", filed[1]).get("/api/v1/reports/" + reference)
                .then().body("withRole", equalTo("the Deputy Designated Safeguarding Lead"));

        UUID acknowledged = UUID.randomUUID();
        publish(acknowledged, id, reference, "ACKNOWLEDGED", "the Deputy Designated Safeguarding Lead", t0.plusSeconds(4000), null);
        awaitStatus(reference, filed[1], "ACKNOWLEDGED");

        // Out of order: the first notification arrives late; then the acknowledgement again.
        publish(UUID.randomUUID(), id, reference, "NOTIFIED", "the Designated Safeguarding Lead", t0, null);
        publish(acknowledged, id, reference, "ACKNOWLEDGED", "the Deputy Designated Safeguarding Lead", t0.plusSeconds(4000), null);
        publish(UUID.randomUUID(), id, reference, "CLOSED", null, t0.plusSeconds(90_000), "The resident was spoken to and the request withdrawn.");
        awaitStatus(reference, filed[1], "CLOSED");
        given().header("Receipt-Code", filed[1]).get("/api/v1/reports/" + reference)
                .then().body("outcome", equalTo("The resident was spoken to and the request withdrawn."))
                .body("withRole", equalTo("the Deputy Designated Safeguarding Lead"))
                .body("acknowledgedAt", equalTo("2026-11-25T11:06:40Z"))
                .body("respondBy", nullValue());

        // The status page says the same, in words, with no one's name.
        given().formParam("reference", reference).formParam("receiptCode", filed[1])
                .cookie("csrf-token", "aW50YWtlLWFwaS10ZXN0IQ").formParam("csrf-token", "aW50YWtlLWFwaS10ZXN0IQ")
                .post("/status")
                .then().statusCode(200)
                .body(containsString("Closed"))
                .body(containsString("The resident was spoken to and the request withdrawn."))
                .body(not(containsString("Riley")));
    }

    @Test
    void unreadableStatusEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String[] filed = TestData.file(TestData.report("SECURITY_EXPOSURE", "A photo on Facebook shows a password on a screen."));
        KafkaTopics.send("cases.status.v1", "not-a-report", "{not json");
        publish(UUID.randomUUID(), reportId(filed[0]), filed[0], "NOTIFIED", "the Chief Executive", Instant.now(), null);
        awaitStatus(filed[0], filed[1], "WITH_ROLE");
        KafkaTopics.awaitRecords("cases.status.v1.dlq", 1, r -> r.value().equals("{not json"), Duration.ofSeconds(30));
    }
}
