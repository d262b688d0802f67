package org.safereport.escalation.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.SignedIn;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class PolicyResourceTest {

    @Test
    void activePolicyShowsItsVersionReviewDateAndEveryCategory() {
        given().when().get("/api/v1/policy")
                .then().statusCode(200)
                .body("version", equalTo("2023.11-1"))
                .body("reviewDue", equalTo("2026-11-01"))
                .body("sha256.length()", equalTo(64))
                .body("categories", hasSize(11))
                .body("categories.find { it.code == 'MEDIA_ENQUIRY' }.firstRecipient", equalTo("LINE_MANAGER"));
    }

    @Test
    void explainShowsThePlanAndItsReasonsWithoutOpeningACase() {
        SignedIn.as("chief-executive").queryParam("category", "GRIEVANCE")
                .queryParam("reporter", "support.worker@example.org")
                .queryParam("subject", "team.leader@example.org")
                .queryParam("youngPersonAtRisk", true)
                .queryParam("at", "2026-11-25T12:00:00Z")
                .when().get("/api/v1/policy/explain")
                .then().statusCode(200)
                .body("tracks.name", contains("category", "safeguarding"))
                .body("tracks[0].steps[0].people", contains("chief-executive"))
                .body("tracks[0].steps[0].reasons", hasItem(org.hamcrest.Matchers.containsString("rule 2: team-leader passed over")))
                .body("tracks[0].steps[0].reasons", hasItem("rule 2: the step goes to the CHIEF_EXECUTIVE instead"))
                .body("tracks[1].steps[0].people", contains("dsl"))
                .body("tracks[1].steps[0].dueAt", equalTo("2026-11-25T13:00:00Z"))
                .body("reasons", hasItem(org.hamcrest.Matchers.startsWith("rule 1")));
    }

    @Test
    void explainNamesTheFieldThatIsWrong() {
        SignedIn.as("chief-executive").queryParam("at", "yesterday").when().get("/api/v1/policy/explain")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("category"));
        SignedIn.as("chief-executive").queryParam("category", "GRIEVANCE").queryParam("at", "yesterday").when().get("/api/v1/policy/explain")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("at"));
        SignedIn.as("chief-executive").queryParam("category", "GRIEVANCE")
                .queryParam("youngPersonAtRisk", "maybe").when().get("/api/v1/policy/explain")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("youngPersonAtRisk"));
    }

    @Test
    void explainIsForSignedInStaffOnly() {
        given().queryParam("category", "GRIEVANCE").when().get("/api/v1/policy/explain").then().statusCode(401);
        String token = SignedIn.token("chief-executive");
        given().auth().oauth2(token.substring(0, token.length() - 4) + "AAAA").queryParam("category", "GRIEVANCE")
                .when().get("/api/v1/policy/explain").then().statusCode(401);
    }
}
