package org.safereport.intake;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@TestProfile(RateLimitTest.ThreeRequests.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class RateLimitTest {

    /** Three requests per client a minute, so that the test reaches the limit quickly. */
    public static class ThreeRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("intake.rate-limit.max-requests", "3", "intake.rate-limit.window", "PT1M");
        }
    }

    @BeforeEach
    void policyIsKnown() {
        TestData.awaitPolicy();
    }

    @Test
    void fourthRequestInAMinuteIsToldToWaitAsProblemOrAsAPage() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body("{}").post("/api/v1/reports").then().statusCode(400);
        }
        given().contentType(ContentType.JSON).body(TestData.report("GRIEVANCE", "An unfair decision was made about my shifts."))
                .post("/api/v1/reports")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429));
        given().multiPart("category", "GRIEVANCE").post("/report")
                .then().statusCode(429)
                .contentType(containsString("text/html"))
                .header("Retry-After", notNullValue())
                .body(containsString("Please wait a moment"));
        // Reading the form is never limited: a person can always see what to do.
        given().get("/report").then().statusCode(200);
    }
}
