package org.safereport.escalation.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.messaging.consumer.EventReader;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * A report that makes routing throw, every time, must not hold up the reports behind it on its partition:
 * after a few attempts it goes to the dead-letter topic with the reason, and is counted. The directory
 * here is valid, but its Chief Executive is also the Chair of Trustees, so a report about them in a
 * category whose chain names only those two roles leaves the router nobody to tell.
 */
@QuarkusTest
@TestProfile(UnroutableReportTest.OnePersonLeadsAndChairs.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class UnroutableReportTest {

    /** How soon the report behind one that cannot be routed has its case: a few retries (short in tests), then routing. */
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(5);

    public static class OnePersonLeadsAndChairs implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("escalation.directory.file", "src/test/resources/policy/one-person-leads-and-chairs.yaml");
        }
    }

    @Inject
    AdjustableClock clock;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "consumer.retry.max-attempts")
    int maxAttempts;

    private double deadLettered() {
        return meters.counter(EventReader.DEAD_LETTERED, "topic", "reports.submitted.v1", "reason", "kept-failing").count();
    }

    @Test
    void aReportRoutingCannotPlaceIsDeadLetteredAndTheOthersOnItsPartitionAreRouted() {
        // Once a report has been routed the consumer has its partitions: what follows is timed on routing alone.
        CaseFixtures.fileReport(clock.instant(), "RESIDENT_CONTACT", false);
        double deadLetteredBefore = deadLettered();

        // Published back to back on one partition, the three are likely read in one poll: the one before the
        // report that fails must not be lost with the batch's transaction, nor the one behind it wait.
        UUID unroutable = UUID.randomUUID();
        String partitionKey = unroutable.toString();
        UUID before = UUID.randomUUID();
        CaseFixtures.publishReport(partitionKey, before, clock.instant(), CaseFixtures.newReference(), "RESIDENT_CONTACT",
                false, "support.worker@example.org", null);
        CaseFixtures.publishReport(partitionKey, unroutable, clock.instant(), CaseFixtures.newReference(), "UNINTENDED_CONTACT",
                false, "support.worker@example.org", "chief.executive@example.org");
        UUID next = UUID.randomUUID();
        CaseFixtures.publishReport(partitionKey, next, clock.instant(), CaseFixtures.newReference(), "RESIDENT_CONTACT",
                false, "support.worker@example.org", null);

        await().atMost(WITHIN_SECONDS).until(() -> CaseFixtures.hasCase(next));
        assertThat(CaseFixtures.hasCase(before)).isTrue();
        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords("reports.submitted.v1.dlq", 1,
                record -> record.value().contains(unroutable.toString()), CaseFixtures.WAIT).get(0);
        assertThat(dead.key()).isEqualTo(partitionKey);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("failed on " + maxAttempts + " attempts", "the directory has no one to route to")
                .doesNotContain("@");
        assertThat(dead.headers().lastHeader("dead-letter-cause")).as("a cause's text could quote personal data").isNull();
        assertThat(CaseFixtures.hasCase(unroutable)).isFalse();
        assertThat(deadLettered()).isEqualTo(deadLetteredBefore + 1);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("consumer_dead_lettered_total{reason=\"kept-failing\",topic=\"reports.submitted.v1\"}"));
    }
}
