package org.safereport.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class ReportSubmissionTest {

    @BeforeEach
    void policyIsKnown() {
        TestData.awaitPolicy();
    }

    private static final String TOPIC = "reports.submitted.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void acceptedReportIsStoredAndPublishedOnceWithItsReference() throws Exception {
        var response = given()
                .contentType(ContentType.JSON)
                .body("""
                        {"category": "RESIDENT_CONTACT",
                         "description": "A resident sent me a friend request and a message on Instagram.",
                         "reporter": {"name": "Alex Example", "email": "alex.example@example.org", "phone": "+44 7700 900123"},
                         "subject": {"name": "Sam Example", "email": "sam.example@example.org"},
                         "youngPersonAtRisk": true}
                        """)
                .when().post("/api/v1/reports")
                .then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/reports/SM-[0-9A-Z]{4}-[0-9A-Z]{4}$"))
                .body("status", equalTo("RECEIVED"))
                .body("receiptCode", matchesPattern("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"))
                .body("handledBy", equalTo("the Designated Safeguarding Lead"))
                .body("guidance", containsString("Do not reply to the resident"))
                .body("expectedResponseBy", org.hamcrest.Matchers.notNullValue())
                .extract();
        String reference = response.path("reference");
        String receiptCode = response.path("receiptCode");

        List<ConsumerRecord<String, String>> records = KafkaTopics.awaitRecords(TOPIC, 1,
                record -> record.value().contains(reference), Duration.ofSeconds(30));
        JsonNode event = JSON.readTree(records.get(0).value());
        assertThat(event.get("eventType").asText()).isEqualTo("report.submitted");
        assertThat(event.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(event.get("eventId").asText()).isNotBlank();
        assertThat(event.get("category").asText()).isEqualTo("RESIDENT_CONTACT");
        assertThat(event.get("reporterEmail").asText()).isEqualTo("alex.example@example.org");
        assertThat(event.get("subjectEmail").asText()).isEqualTo("sam.example@example.org");
        assertThat(event.get("youngPersonAtRisk").asBoolean()).isTrue();
        assertThat(event.get("evidenceCount").asInt()).isZero();
        assertThat(records.get(0).key()).isEqualTo(event.get("reportId").asText());
        // Minimal disclosure: what happened and who the reporter is stay in the intake database.
        assertThat(records.get(0).value()).doesNotContain("Instagram", "Alex Example", "900123", "Sam Example", receiptCode);

        assertThat(KafkaTopics.recordsAfter(Duration.ofSeconds(3), TOPIC, record -> record.value().contains(reference)))
                .as("published exactly once").hasSize(1);

        given().header("Receipt-Code", receiptCode).when().get("/api/v1/reports/" + reference)
                .then().statusCode(200).body("reference", equalTo(reference)).body("status", equalTo("RECEIVED"))
                .body("withRole", equalTo("the Designated Safeguarding Lead"));
    }

    @Test
    void anonymousReportCarriesNoReporter() throws Exception {
        String reference = given()
                .contentType(ContentType.JSON)
                .body("{\"category\": \"INAPPROPRIATE_MATERIAL\", \"description\": \"Offensive comments under our charity's post.\", "
                        + "\"anonymous\": true, \"reporter\": {\"name\": \"Alex Example\", \"email\": \"alex.example@example.org\"}}")
                .when().post("/api/v1/reports")
                .then().statusCode(201)
                .extract().path("reference");

        ConsumerRecord<String, String> record = KafkaTopics.awaitRecords(TOPIC, 1,
                r -> r.value().contains(reference), Duration.ofSeconds(30)).get(0);
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("reporterEmail").isNull()).isTrue();
        assertThat(event.get("youngPersonAtRisk").asBoolean()).isFalse();
        // CloudEvents 1.0, binary mode: the attributes travel as headers.
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(event.get("eventId").asText());
        assertThat(header(record, "ce_type")).isEqualTo("report.submitted");
        assertThat(header(record, "ce_source")).isEqualTo("/safereport/intake-service");
        assertThat(header(record, "ce_time")).isNotBlank();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anAnonymousReportForALineManagerIsSaidToGoToTheChiefExecutive() {
        // Rule 3: with no reporter to look up, there is no line manager; the Chief Executive has it.
        given().contentType(ContentType.JSON)
                .body("{\"category\": \"MEDIA_ENQUIRY\", \"description\": \"A journalist asked me about the charity.\", \"anonymous\": true}")
                .when().post("/api/v1/reports")
                .then().statusCode(201).body("handledBy", equalTo("the Chief Executive"));
        given().contentType(ContentType.JSON)
                .body("{\"category\": \"MEDIA_ENQUIRY\", \"description\": \"A journalist asked me about the charity.\", "
                        + "\"reporter\": {\"email\": \"support.worker@example.org\"}}")
                .when().post("/api/v1/reports")
                .then().statusCode(201).body("handledBy", equalTo("your line manager"));
    }

    @Test
    void unknownFieldIsNamedInAProblem() {
        given()
                .contentType(ContentType.JSON)
                .body("{\"category\": \"GRIEVANCE\", \"description\": \"An unfair decision was made.\", \"severity\": 5}")
                .when().post("/api/v1/reports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("severity"))
                .body("errors.message", hasItem("is not a known field"));
    }

    @Test
    void missingAndInvalidFieldsAreEachNamed() {
        given()
                .contentType(ContentType.JSON)
                .body("{\"description\": \"short\", \"reporter\": {\"email\": \"not-an-email\"}}")
                .when().post("/api/v1/reports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("category"))
                .body("errors.field", hasItem("description"))
                .body("errors.field", hasItem("reporter.email"));
    }

    @Test
    void unknownCategoryIsRefused() {
        given()
                .contentType(ContentType.JSON)
                .body("{\"category\": \"PARKING\", \"description\": \"Someone parked in my space again.\"}")
                .when().post("/api/v1/reports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("category"))
                .body("errors[0].message", containsString("RESIDENT_CONTACT"))
                .body("errors[0].message", containsString("GRIEVANCE"));
    }

    @Test
    void wrongTypeAndBrokenJsonAreClientErrors() {
        given()
                .contentType(ContentType.JSON)
                .body("{\"category\": \"GRIEVANCE\", \"description\": [1, 2]}")
                .when().post("/api/v1/reports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("description"));

        given()
                .contentType(ContentType.JSON)
                .body("{\"category\": ")
                .when().post("/api/v1/reports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        given()
                .contentType(ContentType.JSON)
                .when().post("/api/v1/reports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownReferenceIsNotFound() {
        given().header("Receipt-Code", "0000-0000-0000-0000").when().get("/api/v1/reports/SM-0000-0000")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
