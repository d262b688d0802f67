package org.safereport.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import jakarta.inject.Inject;
import org.safereport.intake.persistence.Evidence;
import org.safereport.intake.persistence.EvidenceContents;
import org.safereport.intake.persistence.IdempotencyCleanup;
import org.safereport.intake.persistence.IdempotencyRecord;
import org.safereport.intake.persistence.Report;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class ReportApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSRF = "aW50YWtlLWFwaS10ZXN0IQ"; // 16 bytes, base64url, as the filter expects

    @BeforeEach
    void policyIsKnown() {
        TestData.awaitPolicy();
    }

    /** A multipart API client: a token of its own in both the CSRF cookie and header. */
    private static RequestSpecification multipart() {
        return given().cookie("csrf-token", CSRF).header("X-CSRF-TOKEN", CSRF);
    }

    @Test
    void retryWithTheSameKeyAndBodyGetsTheFirstAnswerAndFilesNothingNew() {
        String key = UUID.randomUUID().toString();
        String body = TestData.report("MEDIA_ENQUIRY", "A journalist from the Example Gazette asked me about a post.");
        long reportsBefore = QuarkusTransaction.requiringNew().call(() -> Report.count());
        var first = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reports").then().statusCode(201).extract();
        var second = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reports").then().statusCode(201).extract();

        String reference = first.path("reference");
        assertThat((String) second.path("reference")).isEqualTo(reference);
        assertThat((String) second.path("receiptCode")).isEqualTo(first.path("receiptCode"));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(KafkaTopics.recordsAfter(Duration.ofSeconds(3), "reports.submitted.v1", r -> r.value().contains(reference)))
                .as("one report, published once").hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Report.count())).as("one report stored").isEqualTo(reportsBefore + 1);

        given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(TestData.report("MEDIA_ENQUIRY", "Something else entirely, sent with the same key."))
                .post("/api/v1/reports")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
    }

    @Inject
    IdempotencyCleanup cleanup;

    @Inject
    EvidenceContents contents;

    /** The file as stored, decrypted. */
    private byte[] contentOf(Evidence evidence) throws IOException {
        try (InputStream content = contents.open(evidence.id)) {
            return content.readAllBytes();
        }
    }

    @Test
    void afterTheRetryWindowAKeyIsForgotten() {
        String key = UUID.randomUUID().toString();
        given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(TestData.report("GRIEVANCE", "The overtime decision last month was unfair."))
                .post("/api/v1/reports").then().statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> IdempotencyRecord.update("createdAt = ?1",
                Instant.now().minus(Duration.ofDays(2))));

        assertThat(cleanup.forgetExpired()).isPositive();
        given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(TestData.report("GRIEVANCE", "A different report, long after the first one."))
                .post("/api/v1/reports").then().statusCode(201);
    }

    @Test
    void shortIdempotencyKeyIsNamed() {
        given().header("Idempotency-Key", "abc").contentType(ContentType.JSON)
                .body(TestData.report("GRIEVANCE", "An unfair decision was made about my shifts."))
                .post("/api/v1/reports")
                .then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void evidenceIsRecognisedByItsContentNotItsNameOrDeclaredType() throws Exception {
        byte[] png = TestData.png("GPS 51.5007N 0.1246W");
        String reference = multipart()
                .multiPart("report", TestData.report("INAPPROPRIATE_MATERIAL", "Offensive comments under our charity's post."), "application/json")
                .multiPart("evidence", "screenshot.pdf", png, "application/pdf")
                .post("/api/v1/reports")
                .then().statusCode(201).extract().path("reference");

        List<Evidence> stored = QuarkusTransaction.requiringNew().call(() ->
                Evidence.ofReport(Report.findByReference(reference).orElseThrow().id));
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).mediaType).isEqualTo("image/png");
        assertThat(new String(contentOf(stored.get(0)), StandardCharsets.ISO_8859_1))
                .as("re-encoded without the location text").doesNotContain("GPS").startsWith("\u0089PNG");

        JsonNode event = JSON.readTree(KafkaTopics.awaitRecords("reports.submitted.v1", 1,
                r -> r.value().contains(reference), Duration.ofSeconds(30)).get(0).value());
        assertThat(event.get("evidenceCount").asInt()).isEqualTo(1);
    }

    @Test
    void photoLosesItsExifLocation() throws IOException {
        String reference = multipart()
                .multiPart("report", TestData.report("INAPPROPRIATE_MATERIAL", "A photo of our front door posted publicly."), "application/json")
                .multiPart("evidence", "IMG_0001.jpg", TestData.jpegWithExif("GPSLatitude 51.5007N"), "image/jpeg")
                .post("/api/v1/reports")
                .then().statusCode(201).extract().path("reference");

        Evidence stored = QuarkusTransaction.requiringNew().call(() ->
                Evidence.ofReport(Report.findByReference(reference).orElseThrow().id).get(0));
        assertThat(stored.mediaType).isEqualTo("image/jpeg");
        assertThat(new String(contentOf(stored), StandardCharsets.ISO_8859_1)).doesNotContain("GPSLatitude", "Exif");
    }

    @Test
    void textFileNamedPngIsRefusedAs415() {
        multipart()
                .multiPart("report", TestData.report("INAPPROPRIATE_MATERIAL", "Offensive comments under our charity's post."), "application/json")
                .multiPart("evidence", "photo.png", "just some text, not an image".getBytes(StandardCharsets.UTF_8), "image/png")
                .post("/api/v1/reports")
                .then().statusCode(415).contentType("application/problem+json")
                .body("errors[0].field", equalTo("evidence"))
                .body("errors[0].message", startsWith("“photo.png” must be a PNG or JPEG image or a PDF document"));
    }

    @Test
    void fileOverTenMegabytesIsRefusedAs413() {
        byte[] large = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, large, 0, 8);
        multipart()
                .multiPart("report", TestData.report("POLICY_BREACH", "A member posted confidential information."), "application/json")
                .multiPart("evidence", "big.pdf", large, "application/pdf")
                .post("/api/v1/reports")
                .then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].field", equalTo("evidence"));
    }

    @Test
    void sixFilesAreTooMany() {
        var request = multipart()
                .multiPart("report", TestData.report("POLICY_BREACH", "A member posted confidential information."), "application/json");
        for (int i = 0; i < 6; i++) {
            request.multiPart("evidence", "shot" + i + ".png", TestData.png(null), "image/png");
        }
        request.post("/api/v1/reports").then().statusCode(400).body("errors[0].field", equalTo("evidence"));
    }

    @Test
    void multipartWithoutCsrfTokenIsRefused() {
        given().multiPart("report", TestData.report("POLICY_BREACH", "A member posted confidential information."), "application/json")
                .post("/api/v1/reports")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("X-CSRF-TOKEN"));
    }

    @Test
    void statusNeedsTheRightReceiptCodeAndAWrongOneLooksLikeAnUnknownReference() {
        String[] filed = TestData.file(TestData.report("CONFLICT_OF_INTEREST", "A company offered to pay me for posts about our work."));
        given().header("Receipt-Code", filed[1].toLowerCase()).get("/api/v1/reports/" + filed[0])
                .then().statusCode(200).body("status", equalTo("RECEIVED")).body("withRole", equalTo("the Chief Executive")); // no reporter email: rule 3

        String wrongCode = given().header("Receipt-Code", "0000-0000-0000-0000").get("/api/v1/reports/" + filed[0])
                .then().statusCode(404).contentType("application/problem+json").extract().asString();
        String unknownReference = given().header("Receipt-Code", filed[1]).get("/api/v1/reports/SM-0000-0000")
                .then().statusCode(404).contentType("application/problem+json").extract().asString();
        assertThat(wrongCode).isEqualTo(unknownReference);
        given().get("/api/v1/reports/" + filed[0]).then().statusCode(404);
    }

    @Test
    void emailReceiptIsRequestedThroughTheOutboxWithoutTheReceiptCodeOrTheName() throws Exception {
        var response = given().contentType(ContentType.JSON).body("""
                        {"category": "PRESENTATION_DOUBT", "description": "Is my profile photo at the party acceptable?",
                         "reporter": {"name": "Jordan Example", "email": "jordan.example@example.org"}, "emailReceipt": true}
                        """)
                .post("/api/v1/reports").then().statusCode(201).extract();
        String reference = response.path("reference");
        String receiptCode = response.path("receiptCode");

        var record = KafkaTopics.awaitRecords("notifications.requested.v1", 1, r -> r.value().contains(reference),
                Duration.ofSeconds(30)).get(0);
        JsonNode request = JSON.readTree(record.value());
        assertThat(request.get("eventType").asText()).isEqualTo("notification.requested");
        assertThat(request.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(request.get("template").asText()).isEqualTo("receipt");
        assertThat(request.get("caseReference").asText()).isEqualTo(reference);
        assertThat(request.get("recipient").get("email").asText()).isEqualTo("jordan.example@example.org");
        assertThat(request.get("recipient").get("personId").isNull()).isTrue();
        assertThat(request.get("recipient").get("mobile").isNull()).isTrue();
        assertThat(request.get("recipient").get("name").isNull()).as("a name anyone may type is not put in an email").isTrue();
        assertThat(record.value()).doesNotContain("Jordan Example");
        assertThat(request.get("channels").get(0).asText()).isEqualTo("EMAIL");
        assertThat(request.get("priority").asText()).isEqualTo("NORMAL");
        assertThat(request.get("acknowledgementLink").isNull()).isTrue();
        assertThat(request.get("data").get("statusUrl").asText()).endsWith("/status?reference=" + reference);
        assertThat(request.get("data").get("categoryLabel").asText()).isEqualTo("I am unsure whether my profile or a post is acceptable");
        assertThat(request.get("requestId").asText()).isNotBlank();
        assertThat(record.value()).doesNotContain(receiptCode);
    }

    @Test
    void receiptIsEmailedOnlyToTheOrganisationsDomains() {
        String description = "A receipt was asked for at an address outside the organisation.";
        given().contentType(ContentType.JSON)
                .body("{\"category\": \"GRIEVANCE\", \"description\": \"" + description + "\", \"emailReceipt\": true, "
                        + "\"reporter\": {\"email\": \"someone@elsewhere.example.net\"}}")
                .post("/api/v1/reports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.find { it.field == 'emailReceipt' }.message",
                        equalTo("a receipt can be emailed only to a work address at example.org"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Report.findInvolving("someone@elsewhere.example.net"))).isEmpty();
        // Without a receipt, the same address may still be given as the reporter's.
        given().contentType(ContentType.JSON)
                .body("{\"category\": \"GRIEVANCE\", \"description\": \"" + description + "\", "
                        + "\"reporter\": {\"email\": \"someone@elsewhere.example.net\"}}")
                .post("/api/v1/reports")
                .then().statusCode(201);
        // Domains are compared without regard to case.
        given().contentType(ContentType.JSON)
                .body("{\"category\": \"GRIEVANCE\", \"description\": \"" + description + "\", \"emailReceipt\": true, "
                        + "\"reporter\": {\"email\": \"casey.example@EXAMPLE.org\"}}")
                .post("/api/v1/reports")
                .then().statusCode(201);
    }

    @Test
    void answersWithAReceiptCodeOrAReportsStatusAreNeverStored() {
        var filed = given().contentType(ContentType.JSON)
                .body(TestData.report("GRIEVANCE", "An unfair decision was made about my leave."))
                .post("/api/v1/reports")
                .then().statusCode(201).header("Cache-Control", "no-store").extract();
        given().header("Receipt-Code", (String) filed.path("receiptCode")).get("/api/v1/reports/" + filed.path("reference"))
                .then().statusCode(200).header("Cache-Control", "no-store");
    }

    @Test
    void receiptNeedsAnEmailAndIsNotForAnonymousReports() {
        given().contentType(ContentType.JSON)
                .body("{\"category\": \"GRIEVANCE\", \"description\": \"An unfair decision was made.\", \"emailReceipt\": true}")
                .post("/api/v1/reports")
                .then().statusCode(400).body("errors.field", hasItem("emailReceipt"));
        given().contentType(ContentType.JSON)
                .body("{\"category\": \"GRIEVANCE\", \"description\": \"An unfair decision was made.\", \"emailReceipt\": true, "
                        + "\"anonymous\": true, \"reporter\": {\"email\": \"alex.example@example.org\"}}")
                .post("/api/v1/reports")
                .then().statusCode(400).body("errors.field", hasItem("emailReceipt"));
    }

    @Test
    void formFieldsAreCheckedLikeTheForm() {
        given().contentType(ContentType.JSON).body("""
                        {"category": "RESIDENT_CONTACT", "description": "A resident messaged me on WhatsApp.",
                         "when": {"date": "2999-01-01", "time": "14:30"},
                         "where": {"platform": "OTHER"},
                         "links": ["javascript:alert(1)", "https://example.org/post/1"]}
                        """)
                .post("/api/v1/reports")
                .then().statusCode(400)
                .body("errors.field", hasItem("when.date"))
                .body("errors.field", hasItem("where.other"))
                .body("errors.field", hasItem("links"));
        given().contentType(ContentType.JSON).body("""
                        {"category": "RESIDENT_CONTACT", "description": "A resident messaged me on WhatsApp.",
                         "where": {"platform": "MYSPACE"}}
                        """)
                .post("/api/v1/reports")
                .then().statusCode(400).body("errors.field", hasItem("where.platform"));
    }

    @Test
    void aNulCharacterInATextFieldIsAProblemNamingTheFieldNotAServerError() {
        given().contentType(ContentType.JSON).body("""
                        {"category": "GRIEVANCE", "description": "The rota decision\\u0000 was unfair.",
                         "where": {"platform": "OTHER", "other": "a forum\\u0000"}, "links": ["https://example.org/\\u0000"],
                         "subject": {"name": "Jamie\\u0000Example"}, "reporter": {"name": "Alex\\u0000Example"}}
                        """)
                .post("/api/v1/reports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("description", "links", "reporter.name",
                        "subject.name", "where.other"))
                .body("errors.message", hasItem("must not contain a NUL character"));
    }

    @Test
    void aPhoneNumberLongerThanItsColumnAndADateBefore1900AreProblemsNotServerErrors() {
        given().contentType(ContentType.JSON).body("""
                        {"category": "GRIEVANCE", "description": "The rota decision last week was unfair.",
                         "when": {"date": "-999999999-01-01"}, "reporter": {"phone": "+44 7700 900123 (0)12"}}
                        """)
                .post("/api/v1/reports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("reporter.phone", "when.date"));
        given().contentType(ContentType.JSON).body("""
                        {"category": "GRIEVANCE", "description": "The rota decision last week was unfair.",
                         "when": {"date": "1900-01-01"}, "reporter": {"phone": "+44 7700 900123 (01)"}}
                        """)
                .post("/api/v1/reports")
                .then().statusCode(201);
    }

    @Test
    void unreadableBodiesAndHeadersAreProblemsNamingWhatIsWrong() {
        given().contentType(ContentType.JSON).body("{\"category\": \"GRIEVANCE\", \"description\": \"cut short")
                .post("/api/v1/reports")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("description"));
        given().contentType(ContentType.JSON).body("""
                        {"category": "GRIEVANCE", "description": "The rota decision last week was unfair.",
                         "where": {"platform": "OTHER", "other": "a forum", "other": "another forum"}}
                        """)
                .post("/api/v1/reports")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("where.other"));
        given().contentType(ContentType.JSON).body("{\"anonymous\": " + "9".repeat(1_001) + "}")
                .post("/api/v1/reports")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("body"));
        given().contentType("application/json, text/html").body("{}".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/reports")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("Content-Type"));
        multipart().contentType("multipart/form-data; boundary=").body("--x--".getBytes(StandardCharsets.US_ASCII))
                .post("/api/v1/reports")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("body"));
        multipart().multiPart("report", "not json", "application/json")
                .post("/api/v1/reports")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("report"));
    }

    @Test
    void aMethodTheApiDoesNotTakeIsRefusedNamingTheMethodsItDoes() {
        given().delete("/api/v1/reports").then().statusCode(405)
                .header("Allow", "OPTIONS, POST").contentType("application/problem+json");
    }

    @Test
    void openApiDocumentsTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/reports'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/reports/{reference}'.get", org.hamcrest.Matchers.notNullValue());
    }
}
