package org.safereport.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.persistence.Report;
import org.safereport.intake.persistence.ReportMessage;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.KeycloakTokens;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.RawTables;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The conversation with the reporter, on intake's side: staff write through the internal API (a real Keycloak
 * token), the reporter reads and answers on the status page (CSRF as a browser sends it), every word is sealed
 * at rest and none travels in an event or a notification request, and an anonymous reply names nobody.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(KeycloakForInternalApi.class)
class ReportConversationTest {

    private static final String CSRF = "aW50YWtlLWFwaS10ZXN0IQ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    private static String servicesToken;

    @BeforeEach
    void policyAndTokenAreKnown() {
        TestData.awaitPolicy();
        if (servicesToken == null) {
            servicesToken = KeycloakTokens.servicesAccessToken();
        }
    }

    @Test
    void anAnonymousReporterReadsTheMessageAndRepliesWithoutAnyIdentity() throws Exception {
        String[] filed = TestData.file("""
                {"category": "GRIEVANCE", "description": "My rota was changed after I complained online.", "anonymous": true,
                 "reporter": {"name": "Typed anyway", "email": "typed.anyway@example.org"}}""");
        UUID reportId = reportIdOf(filed[0]);

        sendFromStaff(reportId, "Could you tell us which week the rota changed? Marigold Heron");
        Document status = statusPage(filed[0], filed[1]);
        assertThat(status.select("#messages li p").eachText()).containsExactly("Could you tell us which week the rota changed? Marigold Heron");
        assertThat(status.select("#messages .hint").text()).startsWith("The Chief Executive, ").doesNotContain("chief-executive");
        assertThat(status.getElementById("reply-hint").text()).contains("Your report is anonymous");

        Response replied = reply(filed[0], filed[1], "The week of 9 November, after the Saffron Kestrel post.");
        assertThat(replied.statusCode()).isEqualTo(200);
        Document after = Jsoup.parse(replied.asString());
        assertThat(after.getElementById("reply-sent").text()).contains("Your reply has been sent");
        assertThat(after.select("#messages li p").eachText()).containsExactly("Could you tell us which week the rota changed? Marigold Heron",
                "The week of 9 November, after the Saffron Kestrel post.");
        assertThat(after.select("#messages .message-reporter .hint").text()).startsWith("You, ");

        ReportMessage reply = QuarkusTransaction.requiringNew().call(() -> ReportMessage.<ReportMessage>list("reportId = ?1 and sender = 'REPORTER'", reportId).get(0));
        assertThat(reply.staffPersonId).isNull();
        assertThat(reply.staffRoleTitle).isNull();
        ConsumerRecord<String, String> event = KafkaTopics.awaitRecords("reports.replies.v1", 1,
                record -> record.value().contains(reply.id.toString()), TIMEOUT).get(0);
        assertThat(event.key()).isEqualTo(reportId.toString());
        JsonNode body = JSON.readTree(event.value());
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("eventId", "eventType", "schemaVersion", "occurredAt", "reportId",
                "reference", "messageId");
        assertThat(body.path("eventType").asText()).isEqualTo("report.reply-received");
        assertThat(body.path("reference").asText()).isEqualTo(filed[0]);

        assertThat(List.of("Marigold Heron", "Saffron Kestrel", "typed.anyway")).allSatisfy(word ->
                assertThat(rowsContaining(word)).as("%s at rest", word).isEmpty());
        assertThat(KafkaTopics.recordsAfter(Duration.ofSeconds(1), "notifications.requested.v1",
                record -> record.value().contains(filed[0]))).as("an anonymous reporter is emailed nothing").isEmpty();
    }

    @Test
    void aReporterWhoAskedForEmailsIsToldAMessageWaitsButNeverWhatItSays() throws Exception {
        String[] filed = TestData.file("""
                {"category": "GRIEVANCE", "description": "A colleague posted about my shifts.", "emailReceipt": true,
                 "reporter": {"name": "Alex Example", "email": "alex.example@example.org"}}""");
        UUID reportId = reportIdOf(filed[0]);

        UUID messageId = sendFromStaff(reportId, "We have spoken to your colleague about the Cobalt Lantern post.");

        String requestId = UUID.nameUUIDFromBytes(("message-waiting:" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
        ConsumerRecord<String, String> request = KafkaTopics.awaitRecords("notifications.requested.v1", 1,
                record -> record.value().contains(requestId), TIMEOUT).get(0);
        JsonNode notice = JSON.readTree(request.value());
        assertThat(notice.path("template").asText()).isEqualTo("message-waiting");
        assertThat(notice.path("recipient").path("email").asText()).isEqualTo("alex.example@example.org");
        assertThat(notice.path("data").path("statusUrl").asText()).endsWith("/status?reference=" + filed[0]);
        assertThat(request.value()).doesNotContain("Cobalt Lantern", filed[1]);
        assertThat(rowsContaining("Cobalt Lantern")).isEmpty();
    }

    @Test
    void aReplyPostedAgainFromTheSamePageIsKeptOnce() {
        String[] filed = TestData.file("""
                {"category": "GRIEVANCE", "description": "A post about my shift pattern.", "anonymous": true}""");
        UUID reportId = reportIdOf(filed[0]);
        sendFromStaff(reportId, "Which post was it?");
        String replyId = statusPage(filed[0], filed[1]).select("input[name=replyId]").val();

        for (int post = 0; post < 2; post++) {
            Response replied = reply(filed[0], filed[1], "The one on Tuesday.", replyId);
            assertThat(replied.statusCode()).as("post %d, as after a reload", post + 1).isEqualTo(200);
            assertThat(Jsoup.parse(replied.asString()).select("#messages .message-reporter")).hasSize(1);
        }
        assertThat(KafkaTopics.recordsAfter(Duration.ofSeconds(2), "reports.replies.v1",
                record -> record.key().equals(reportId.toString()))).as("one event for one reply").hasSize(1);

        Document after = Jsoup.parse(reply(filed[0], filed[1], "And again on Friday.", replyId).asString());
        String nextReplyId = after.select("input[name=replyId]").val();
        assertThat(nextReplyId).as("the page after a reply draws a new one").isNotEqualTo(replyId);
        reply(filed[0], filed[1], "And again on Friday.", nextReplyId).then().statusCode(200);

        String[] other = TestData.file("""
                {"category": "GRIEVANCE", "description": "Another post.", "anonymous": true}""");
        sendFromStaff(reportIdOf(other[0]), "Which post?");
        reply(other[0], other[1], "Its id belongs to another report's reply.", replyId).then().statusCode(200);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ReportMessage.count("reportId = ?1 and sender = 'REPORTER'", reportId)))
                .as("a second reply with a new id is a second reply").isEqualTo(2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ReportMessage.count("reportId = ?1 and sender = 'REPORTER'", reportIdOf(other[0]))))
                .as("another report's reply id does not make a reply the same").isEqualTo(1);
    }

    @Test
    void badRepliesAreRefusedBesideTheFieldAndNothingIsKept() {
        String[] filed = TestData.file("""
                {"category": "GRIEVANCE", "description": "Someone shared my photo.", "anonymous": true}""");
        UUID reportId = reportIdOf(filed[0]);
        sendFromStaff(reportId, "Where was it shared?");

        for (Map.Entry<String, String> bad : Map.of("   ", "is empty", "x".repeat(5_001), "is too long: at most 5000 characters",
                "a\u0000b", "cannot be stored").entrySet()) {
            Response answer = reply(filed[0], filed[1], bad.getKey());
            assertThat(answer.statusCode()).as(bad.getValue()).isEqualTo(400);
            Document page = Jsoup.parse(answer.asString());
            assertThat(page.getElementById("reply-error").text()).contains(bad.getValue());
            assertThat(page.select(".error-summary a").attr("href")).isEqualTo("#reply");
        }
        assertThat(reply(filed[0], "0000-0000-0000-0000", "A guess").statusCode()).as("wrong receipt code").isEqualTo(404);
        given().formParam("reference", filed[0]).formParam("receiptCode", filed[1]).formParam("reply", "No token")
                .post("/status/reply").then().statusCode(400);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ReportMessage.count("reportId = ?1 and sender = 'REPORTER'", reportId))).isZero();

        internal().contentType(ContentType.JSON).body(Map.of("staffPersonId", "dsl", "staffRoleTitle", "the Designated Safeguarding Lead", "text", ""))
                .post("/internal/v1/reports/" + reportId + "/messages")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        internal().contentType(ContentType.JSON).body(Map.of("staffPersonId", "dsl", "staffRoleTitle", "the Designated Safeguarding Lead", "text", "Hello"))
                .post("/internal/v1/reports/" + UUID.randomUUID() + "/messages")
                .then().statusCode(404);
    }

    @Test
    void thePurgeRemovesTheConversation() {
        String[] filed = TestData.file("""
                {"category": "GRIEVANCE", "description": "A post about my team.", "anonymous": true}""");
        UUID reportId = reportIdOf(filed[0]);
        sendFromStaff(reportId, "Which team, Vermilion Pike?");
        reply(filed[0], filed[1], "The evening team.").then().statusCode(200);

        KafkaTopics.send("cases.purged.v1", reportId.toString(), """
                {"eventId": "%s", "eventType": "case.purged", "schemaVersion": 1, "occurredAt": "2032-11-25T10:00:00Z",
                 "reportId": "%s", "reference": "%s", "rule": "GRIEVANCE P6Y"}""".formatted(UUID.randomUUID(), reportId, filed[0]));
        await().atMost(TIMEOUT).until(() ->
                QuarkusTransaction.requiringNew().call(() -> Report.<Report>findById(reportId).purgedAt != null));

        assertThat(QuarkusTransaction.requiringNew().call(() -> ReportMessage.count("reportId", reportId))).isZero();
        internal().get("/internal/v1/reports/" + reportId).then().statusCode(200).body("messages.size()", equalTo(0));
    }

    private static UUID sendFromStaff(UUID reportId, String text) {
        String id = internal().contentType(ContentType.JSON)
                .body(Map.of("staffPersonId", "chief-executive", "staffRoleTitle", "the Chief Executive", "text", text))
                .post("/internal/v1/reports/" + reportId + "/messages")
                .then().statusCode(201).extract().path("id");
        internal().get("/internal/v1/reports/" + reportId).then().statusCode(200)
                .body("messages.find { it.id == '" + id + "' }.text", equalTo(text))
                .body("messages.find { it.id == '" + id + "' }.sender", equalTo("STAFF"));
        return UUID.fromString(id);
    }

    private static Document statusPage(String reference, String receiptCode) {
        return Jsoup.parse(browserForm().formParam("reference", reference).formParam("receiptCode", receiptCode)
                .post("/status").then().statusCode(200).extract().asString());
    }

    private static Response reply(String reference, String receiptCode, String text) {
        return reply(reference, receiptCode, text, UUID.randomUUID().toString());
    }

    private static Response reply(String reference, String receiptCode, String text, String replyId) {
        return browserForm().formParam("reference", reference).formParam("receiptCode", receiptCode).formParam("reply", text)
                .formParam("replyId", replyId).post("/status/reply");
    }

    /** A form post as the page sends it: the CSRF cookie and the same token in a field. */
    private static RequestSpecification browserForm() {
        return given().cookie("csrf-token", CSRF).formParam("csrf-token", CSRF);
    }

    private static RequestSpecification internal() {
        return given().auth().oauth2(servicesToken);
    }

    private static UUID reportIdOf(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> Report.findByReference(reference).orElseThrow().id);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Rows holding {@code word} as text, or as its UTF-8 bytes in a bytea column (which a row's text shows as hex). */
    private List<String> rowsContaining(String word) {
        try {
            List<String> found = new ArrayList<>(RawTables.rowsContaining(dataSource, word));
            found.addAll(RawTables.rowsContaining(dataSource, word.getBytes(StandardCharsets.UTF_8)));
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
