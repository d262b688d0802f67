package org.safereport.escalation.deadlines;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.escalation.SignedIn;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.safereport.escalation.CaseFixtures.requests;
import static org.safereport.escalation.CaseFixtures.summary;
import static org.safereport.escalation.CaseFixtures.timelineCount;

/**
 * One case whose deadline cannot be fired must not stop the others: its track fails alone, is tried again a
 * few times, then is set aside, counted and shown to staff, while the other due tracks escalate on time.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class FailingDeadlineTest {

    @Inject
    AdjustableClock clock;

    @Inject
    DeadlineEngine deadlines;

    @Inject
    EscalationConfig config;

    @Inject
    MeterRegistry meters;

    @Inject
    EntityManager entityManager;

    private String fileReport(String category) {
        return CaseFixtures.fileReport(clock.instant(), category, false);
    }

    /** Makes the step the case escalates to next unreadable, as a bad hand-made fix in the database might. */
    private void corruptNextStep(String reference) {
        QuarkusTransaction.requiringNew().run(() -> assertThat(entityManager.createNativeQuery("""
                        UPDATE case_step SET deadline_spec = 'PT4H SOMETIMES'
                        WHERE step_index = 1 AND case_id = (SELECT id FROM escalation_case WHERE reference = :reference)""")
                .setParameter("reference", reference).executeUpdate()).isEqualTo(1));
    }

    private double failures() {
        return meters.counter(DeadlineEngine.FIRE_FAILURES).count();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    @Test
    void aTrackThatKeepsFailingIsSetAsideAndCountedWhileTheOthersEscalateOnTime() {
        // UNINTENDED_CONTACT and SECURITY_EXPOSURE: the Chief Executive, then the Chair of Trustees 4 hours later.
        String broken = fileReport("UNINTENDED_CONTACT");
        String first = fileReport("UNINTENDED_CONTACT");
        String second = fileReport("SECURITY_EXPOSURE");
        corruptNextStep(broken);
        deadlines.fireDue();
        double failuresBefore = failures();
        double setAsideBefore = gauge(DeadlineEngine.SET_ASIDE_TRACKS);

        clock.advance(Duration.ofHours(4).plusMinutes(1));
        deadlines.fireDue();

        assertThat(summary(requests(first, 2))).containsExactly("new-case chief-executive", "escalation chair");
        assertThat(summary(requests(second, 2))).containsExactly("new-case chief-executive", "escalation chair");
        assertThat(timelineCount(broken, "ESCALATED")).isZero();
        assertThat(failures()).isEqualTo(failuresBefore + 1);

        int setAsideAfter = config.deadlineSetAsideAfter();
        for (int failed = 1; failed < setAsideAfter; failed++) {
            deadlines.fireDue();
            assertThat(failures()).as("not tried again before the retry interval").isEqualTo(failuresBefore + failed);
            clock.advance(config.deadlineRetryInterval());
            deadlines.fireDue();
        }
        assertThat(failures()).isEqualTo(failuresBefore + setAsideAfter);
        assertThat(timelineCount(broken, "SET_ASIDE")).isEqualTo(1);
        assertThat(gauge(DeadlineEngine.SET_ASIDE_TRACKS)).isEqualTo(setAsideBefore + 1);
        assertThat(gauge(DeadlineEngine.LAST_SUCCESS)).isEqualTo(clock.instant().toEpochMilli() / 1000.0);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("escalation_deadline_fire_failures_total "),
                containsString("escalation_deadline_tracks_set_aside "),
                containsString("escalation_deadline_engine_last_success_timestamp_seconds "));

        clock.advance(config.deadlineRetryInterval());
        deadlines.fireDue();
        assertThat(failures()).as("a track set aside is no longer tried").isEqualTo(failuresBefore + setAsideAfter);

        UUID caseId = CaseFixtures.escalationCase(broken).id;
        String why = QuarkusTransaction.requiringNew().call(() -> TimelineEntry.<TimelineEntry>find("caseId = ?1 and kind = ?2",
                caseId, "SET_ASIDE").firstResult().detail);
        assertThat(why).contains("could not be fired " + setAsideAfter + " times in a row", "SOMETIMES");
        SignedIn.as("chief-executive")
                .when().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("tracks.find { it.name == 'category' }.setAsideAt", notNullValue())
                .body("tracks.find { it.name == 'category' }.setAsideBecause", containsString("SOMETIMES"))
                .body("timeline.kind", hasItem("SET_ASIDE"));
        SignedIn.as("chief-executive").queryParam("overdue", true)
                .queryParam("limit", 500).when().get("/api/v1/cases").then().statusCode(200)
                .body("reference", hasItem(broken));
    }
}
