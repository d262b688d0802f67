package org.safereport.escalation.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.escalation.SignedIn;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.deadlines.DeadlineEngine;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The staff case API: who may see which case, the timeline with its reasons, and closing a case. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
class CasesResourceTest {

    @Inject
    AdjustableClock clock;

    @Inject
    DeadlineEngine deadlines;

    private static RequestSpecification as(String personId) {
        return SignedIn.as(personId);
    }

    private String fileReport(String category, boolean youngPersonAtRisk, String subjectEmail) {
        return CaseFixtures.fileReport(clock.instant(), category, youngPersonAtRisk, "support.worker@example.org", subjectEmail);
    }

    private static String idOf(String reference) {
        return CaseFixtures.escalationCase(reference).id.toString();
    }

    private static List<String> visibleReferences(String personId) {
        return as(personId).queryParam("limit", 500).when().get("/api/v1/cases").then().statusCode(200)
                .extract().jsonPath().getList("reference", String.class);
    }

    @Test
    void eachPersonSeesTheCasesThePolicyGivesThem() {
        String safeguarding = fileReport("SAFEGUARDING_CONCERN", false, null);
        String grievance = fileReport("GRIEVANCE", false, null);
        String aboutTheChiefExecutive = fileReport("POLICY_BREACH", false, "chief.executive@example.org");

        assertThat(visibleReferences("chief-executive")).contains(safeguarding, grievance).doesNotContain(aboutTheChiefExecutive);
        assertThat(visibleReferences("dsl")).contains(safeguarding).doesNotContain(grievance);
        assertThat(visibleReferences("team-leader")).contains(grievance).doesNotContain(safeguarding);

        as("dsl").when().get("/api/v1/cases/" + idOf(grievance)).then().statusCode(404);
        as("chief-executive").when().get("/api/v1/cases/" + idOf(aboutTheChiefExecutive)).then().statusCode(404);
    }

    @Test
    void theCaseApiIsForSignedInStaff() {
        given().when().get("/api/v1/cases").then().statusCode(401);
        String token = SignedIn.token("dsl");
        given().auth().oauth2(token.substring(0, token.length() - 4) + "AAAA").when().get("/api/v1/cases").then().statusCode(401);
        given().auth().oauth2("not-a-token").when().get("/api/v1/cases").then().statusCode(401);
        given().auth().preemptive().basic("dsl", "local").when().get("/api/v1/cases").then().statusCode(401);
    }

    @Test
    void theTimelineShowsTheDecisionWithItsReasonsAndEveryNotification() {
        String reference = fileReport("GRIEVANCE", true, null);

        as("chief-executive").when().get("/api/v1/cases/" + idOf(reference)).then().statusCode(200)
                .body("summary.reference", equalTo(reference))
                .body("decision.tracks.name", hasItem("safeguarding"))
                .body("tracks.steps.flatten().personId", hasItem("dsl"))
                .body("timeline.kind", hasItem("ROUTED"))
                .body("notifications.template", hasItem("new-case"));
    }

    @Test
    void filtersNarrowTheList() {
        String reference = fileReport("MEDIA_ENQUIRY", false, null);

        assertThat(as("chief-executive").queryParam("category", "MEDIA_ENQUIRY").queryParam("state", "NOTIFIED")
                .when().get("/api/v1/cases").then().statusCode(200).extract().jsonPath().getList("reference", String.class))
                .contains(reference);
        as("chief-executive").queryParam("category", "GRIEVANCE").when().get("/api/v1/cases").then().statusCode(200)
                .body("reference", not(hasItem(reference)));
        as("chief-executive").queryParam("overdue", true).when().get("/api/v1/cases").then().statusCode(200)
                .body("reference", not(hasItem(reference)));
        as("chief-executive").queryParam("state", "SLEEPING").when().get("/api/v1/cases").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("state"));
    }

    @Test
    void aParameterThatCannotBeReadIsAProblemNamingIt() {
        String id = idOf(fileReport("GRIEVANCE", false, null));

        for (String[] parameter : new String[][]{{"limit", "abc"}, {"limit", "0"}, {"limit", "99999999999"}, {"overdue", "yes!"}}) {
            as("chief-executive").queryParam(parameter[0], parameter[1]).when().get("/api/v1/cases").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains(parameter[0]));
        }
        as("chief-executive").when().get("/api/v1/cases/not-a-case-id").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("id"));
        as("chief-executive").contentType("application/json").body("{\"outcome\": \"Dealt with.\"}")
                .when().post("/api/v1/cases/" + id.toUpperCase() + "x/close").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("id"));
    }

    @Test
    void aMethodTheApiDoesNotTakeIsRefusedNamingTheMethodsItDoes() {
        String id = idOf(fileReport("GRIEVANCE", false, null));

        as("chief-executive").when().delete("/api/v1/cases/" + id).then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS").contentType("application/problem+json");
        as("chief-executive").when().get("/api/v1/cases/" + id + "/close").then().statusCode(405)
                .header("Allow", "OPTIONS, POST").contentType("application/problem+json");
    }

    @Test
    void closingStopsTheChainAndTellsTheReporter() {
        String reference = fileReport("CONFIDENTIALITY_QUESTION", false, null);
        String id = idOf(reference);

        as("team-leader").contentType("application/json").body("{\"outcome\": \"  \"}")
                .when().post("/api/v1/cases/" + id + "/close").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("outcome"));

        as("team-leader").contentType("application/json")
                .body("{\"outcome\": \"Advice given; no breach of confidentiality.\", \"internalNote\": \"Discussed in supervision.\"}")
                .when().post("/api/v1/cases/" + id + "/close").then().statusCode(200)
                .body("summary.state", equalTo("CLOSED")).body("closedBy", equalTo("team-leader"));
        KafkaTopics.awaitRecords("cases.status.v1", 1, r -> r.value().contains(reference)
                && r.value().contains("\"state\":\"CLOSED\"") && r.value().contains("no breach of confidentiality"), CaseFixtures.WAIT);

        as("team-leader").contentType("application/json").body("{\"outcome\": \"again\"}")
                .when().post("/api/v1/cases/" + id + "/close").then().statusCode(409).contentType("application/problem+json");

        clock.advance(Duration.ofDays(3));
        deadlines.fireDue();
        assertThat(CaseFixtures.timelineCount(reference, "ESCALATED")).as("a closed case escalates no further").isZero();
        assertThat(CaseFixtures.state(reference)).isEqualTo(CaseState.CLOSED);
    }

    @Test
    void closingCasesWhileTheirDeadlinesFireNeverDeadlocks() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(idOf(fileReport("RESIDENT_CONTACT", false, null)));
        }
        clock.advance(Duration.ofMinutes(61));
        // The engine takes the due tracks first and then updates their cases; closing takes a case and then its tracks.
        java.util.concurrent.ExecutorService engine = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Integer> firing = engine.submit(deadlines::fireDue);
            java.util.Collections.reverse(ids);
            for (String id : ids) {
                as("chief-executive").contentType("application/json").body("{\"outcome\": \"Advice given to the member.\"}")
                        .when().post("/api/v1/cases/" + id + "/close").then().statusCode(200);
            }
            firing.get();
        } finally {
            engine.shutdown();
        }
    }

    @Test
    void aNulCharacterFindsNoCaseAndClosesNoneButIsNeverAServerError() {
        String id = idOf(fileReport("GRIEVANCE", false, null));

        as("chief-executive").urlEncodingEnabled(false).when().get("/cases/SM-1%00").then().statusCode(404).contentType("text/html");
        as("chief-executive").urlEncodingEnabled(false).when().get("/api/v1/cases?category=GRIEVANCE%00").then().statusCode(200)
                .body("size()", equalTo(0));
        as("chief-executive").contentType("application/json").body("{\"outcome\": \"Dealt with.\\u0000\"}")
                .when().post("/api/v1/cases/" + id + "/close").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("outcome"));
    }
}
