package org.safereport.escalation.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.FormPost;
import org.safereport.escalation.IntakeStandIn;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.escalation.SignedIn;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The conversation with the reporter on the case's side, against the real broker, database and Keycloak, with
 * {@link IntakeStandIn} as intake's internal API (intake's side is tested in intake-service): staff write from
 * the case page, through its form, and the message goes to intake and on the trail; an anonymous reply
 * (report.reply-received) reaches whoever has the case by email, naming nobody and saying nothing of the reply.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(IntakeStandIn.class)
class ReporterConversationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AdjustableClock clock;

    @ConfigProperty(name = "escalation.intake-url")
    String intakeUrl;

    @Test
    void theDslWritesToTheReporterFromTheCasePageAndSeesTheThread() throws IOException {
        String reference = CaseFixtures.fileReport(clock.instant(), "SAFEGUARDING_CONCERN", false, null, null);
        EscalationCase escalationCase = CaseFixtures.escalationCase(reference);
        answerReport(escalationCase.reportId, reference, "[]");

        Response sent = post("dsl", reference, "messages", "message", "Could you tell us which account it was?");
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.header("Location")).endsWith("/cases/" + reference + "?done=messaged");
        JsonNode toIntake = lastLookup();
        assertThat(toIntake.path("uri").asText()).isEqualTo("/internal/v1/reports/" + escalationCase.reportId + "/messages");
        assertThat(toIntake.path("body").path("staffPersonId").asText()).isEqualTo("dsl");
        assertThat(toIntake.path("body").path("staffRoleTitle").asText()).isEqualTo("the Designated Safeguarding Lead");
        assertThat(toIntake.path("body").path("text").asText()).isEqualTo("Could you tell us which account it was?");
        assertThat(trail(escalationCase.id, AuditEntry.Action.MESSAGED_REPORTER)).singleElement()
                .satisfies(entry -> assertThat(entry.personId).isEqualTo("dsl"))
                .satisfies(entry -> assertThat(entry.item).startsWith("message "));
        assertThat(CaseFixtures.timelineCount(reference, "MESSAGE_SENT")).isEqualTo(1);

        answerReport(escalationCase.reportId, reference, """
                [{"id": "%s", "sender": "STAFF", "staffPersonId": "dsl", "staffRoleTitle": "the Designated Safeguarding Lead",
                  "sentAt": "2026-11-25T10:00:00Z", "text": "Could you tell us which account it was?"},
                 {"id": "%s", "sender": "REPORTER", "sentAt": "2026-11-25T11:00:00Z", "text": "It was called sunny.days."}]
                """.formatted(UUID.randomUUID(), UUID.randomUUID()));
        Document page = page("dsl", "/cases/" + reference + "?done=messaged");
        assertThat(page.getElementById("done").text()).contains("Your message is on the reporter's status page");
        assertThat(page.select("#thread li p").eachText()).containsExactly("Could you tell us which account it was?",
                "It was called sunny.days.");
        assertThat(page.select("#thread li .hint").eachText()).satisfiesExactly(
                staff -> assertThat(staff).startsWith("Riley Carrow, as the Designated Safeguarding Lead, "),
                reporter -> assertThat(reporter).startsWith("The reporter, "));
    }

    @Test
    void anAnonymousReplyReachesTheHandlerWithoutAnyIdentity() {
        String reference = CaseFixtures.fileReport(clock.instant(), "SAFEGUARDING_CONCERN", false, null, null);
        EscalationCase escalationCase = CaseFixtures.escalationCase(reference);
        post("dsl", reference, "acknowledge").then().statusCode(303);
        UUID messageId = UUID.randomUUID();
        String reply = """
                {"eventId": "%s", "eventType": "report.reply-received", "schemaVersion": 1, "occurredAt": "2026-11-25T11:00:00Z",
                 "reportId": "%s", "reference": "%s", "messageId": "%s"}""".formatted(UUID.randomUUID(), escalationCase.reportId,
                reference, messageId);

        KafkaTopics.send("reports.replies.v1", escalationCase.reportId.toString(), reply);

        await().atMost(CaseFixtures.WAIT).until(() -> trail(escalationCase.id, AuditEntry.Action.REPORTER_REPLIED).size() == 1);
        AuditEntry replied = trail(escalationCase.id, AuditEntry.Action.REPORTER_REPLIED).get(0);
        assertThat(replied.personId).isEqualTo(ReporterConversation.REPORTER);
        assertThat(replied.clientAddress).isNull();
        assertThat(replied.item).isEqualTo("message " + messageId);
        assertThat(timeline(escalationCase.id, "REPLY_RECEIVED")).containsExactly("the reporter replied on their status page; told: dsl");

        JsonNode told = CaseFixtures.json(KafkaTopics.awaitRecords("notifications.requested.v1", 1,
                record -> record.value().contains(reference) && record.value().contains("reporter-replied"), CaseFixtures.WAIT).get(0).value());
        assertThat(told.path("recipient").path("personId").asText()).isEqualTo("dsl");
        assertThat(told.path("recipient").path("email").asText()).isEqualTo("dsl@example.org");
        assertThat(told.path("channels").toString()).isEqualTo("[\"EMAIL\"]");
        assertThat(JSON.convertValue(told.path("data"), Map.class)).containsOnlyKeys("categoryLabel", "urgency");

        // Delivered again, it is the same reply: nothing more on the trail, nobody told twice.
        KafkaTopics.send("reports.replies.v1", escalationCase.reportId.toString(), reply);
        assertThat(KafkaTopics.recordsAfter(Duration.ofSeconds(3), "notifications.requested.v1",
                record -> record.value().contains(reference) && record.value().contains("reporter-replied"))).hasSize(1);
        assertThat(trail(escalationCase.id, AuditEntry.Action.REPORTER_REPLIED)).hasSize(1);
    }

    @Test
    void aBadMessageIsRefusedBesideItsFieldAndNothingReachesIntake() throws IOException {
        String reference = CaseFixtures.fileReport(clock.instant(), "SAFEGUARDING_CONCERN", false, null, null);
        answerReport(CaseFixtures.escalationCase(reference).reportId, reference, "[]");
        int before = lookups().size();

        for (String[] bad : new String[][] {{"  ", "Your message is empty: write a few words"}, {"x".repeat(5_001), "Your message is too long: at most 5000 characters"}}) {
            Response refused = post("dsl", reference, "messages", "message", bad[0]);
            assertThat(refused.statusCode()).as(bad[1]).isEqualTo(400);
            Document page = Jsoup.parse(refused.asString());
            assertThat(page.getElementById("message-error").text()).isEqualTo(bad[1]);
            assertThat(page.select(".error-summary a[href=\"#message\"]").text()).isEqualTo(bad[1]);
        }
        SignedIn.as("dsl").redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("message", "Without the form's token").post("/cases/" + reference + "/messages")
                .then().statusCode(400);
        assertThat(lookups()).hasSize(before);
    }

    /** Presses a form of the case page, as {@code personId}'s browser does, with its CSRF token. */
    private static Response post(String personId, String reference, String action, String... fields) {
        var request = SignedIn.as(personId);
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        String path = "/cases/" + reference;
        return FormPost.from(SignedIn.as(personId), path).post(request, path + "/" + action);
    }

    private static Document page(String personId, String path) {
        Response response = SignedIn.as(personId).redirects().follow(false).get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return Jsoup.parse(response.asString());
    }

    /** The report as intake's internal API gives it: anonymous, with {@code messages}. */
    private void answerReport(UUID reportId, String reference, String messages) {
        given().baseUri(intakeUrl).header("X-Answer-For", "GET /internal/v1/reports/" + reportId).body("""
                {"reportId": "%s", "reference": "%s", "category": "SAFEGUARDING_CONCERN", "categoryLabel": "A safeguarding concern",
                 "submittedAt": "2026-11-25T09:00:00Z", "description": "Someone asked a child to meet.", "links": [],
                 "youngPersonAtRisk": true, "anonymous": true, "reporter": null, "subject": null, "evidence": [], "messages": %s}
                """.formatted(reportId, reference, messages)).put("/stand-in/answers").then().statusCode(204);
    }

    private JsonNode lookups() throws IOException {
        return JSON.readTree(given().baseUri(intakeUrl).get("/stand-in/lookups").asByteArray());
    }

    private JsonNode lastLookup() throws IOException {
        JsonNode all = lookups();
        return all.get(all.size() - 1);
    }

    private static List<AuditEntry> trail(UUID caseId, AuditEntry.Action action) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("caseId = ?1 and action = ?2", caseId, action));
    }

    private static List<String> timeline(UUID caseId, String kind) {
        return QuarkusTransaction.requiringNew().call(() -> TimelineEntry.<TimelineEntry>list("caseId = ?1 and kind = ?2", caseId, kind)
                .stream().map(entry -> entry.detail).toList());
    }
}
