package org.safereport.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.persistence.PolicyStore;
import org.safereport.intake.persistence.PublishedPolicy;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class PolicyTest {

    @Inject
    PolicyStore policies;

    @BeforeEach
    void policyIsKnown() {
        TestData.awaitPolicy();
    }

    @Test
    void readinessNamesThePolicyInForceAndItIsKeptInTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("routing-policy"))
                .body("checks.find { it.name == 'routing-policy' }.data.version", equalTo("2023.11-1"))
                .body("checks.find { it.name == 'routing-policy' }.data.categories", equalTo(11));
        PublishedPolicy stored = QuarkusTransaction.requiringNew().call(() -> PublishedPolicy.findById("routing-policy"));
        assertThat(stored.version).isEqualTo("2023.11-1");
        assertThat(stored.payload).contains("RESIDENT_CONTACT");
    }

    @Test
    void anOlderPolicyRecordReplayedLaterChangesNothing() {
        String older = TestData.policyJson()
                .replace("\"occurredAt\": \"2026-11-01T09:00:00Z\"", "\"occurredAt\": \"2020-01-01T09:00:00Z\"")
                .replace("\"version\": \"2023.11-1\"", "\"version\": \"2019.01-1\"")
                .replace("A resident made social or inappropriate contact with me", "An old label nobody should see");
        KafkaTopics.send(TestData.POLICY_TOPIC, "routing-policy", older);
        republishedNow();

        assertThat(policies.current().orElseThrow().version()).isEqualTo("2023.11-1");
        given().get("/report").then().statusCode(200)
                .body(not(containsString("An old label nobody should see")))
                .body(containsString("A resident made social or inappropriate contact with me"));
    }

    /**
     * The same policy again, published later: once it is stored, every record sent before it (same key,
     * same partition) has been consumed.
     */
    private static void republishedNow() {
        String occurredAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        KafkaTopics.send(TestData.POLICY_TOPIC, "routing-policy",
                TestData.policyJson().replace("\"occurredAt\": \"2026-11-01T09:00:00Z\"", "\"occurredAt\": \"" + occurredAt + "\""));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> PublishedPolicy.<PublishedPolicy>findById("routing-policy").occurredAt.equals(Instant.parse(occurredAt))));
    }

    @Test
    void unreadablePolicyRecordIsSkippedAndThePolicyStays() {
        KafkaTopics.send(TestData.POLICY_TOPIC, "routing-policy", "{\"version\": \"broken\"}");
        republishedNow();
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(policies.current().orElseThrow().version()).isEqualTo("2023.11-1");
    }
}
