package org.safereport.escalation.review;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled policy (approved November 2023, reviewed every 3 years) is due for review: the Chair is
 * reminded once, then again every 7 days, never twice in between.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class PolicyReviewRemindersTest {

    @Inject
    PolicyReviewReminders reminders;

    @Inject
    ActivePolicy activePolicy;

    @Inject
    AdjustableClock clock;

    @Test
    void theChairIsRemindedOnceAWeekWhileTheReviewIsDue() {
        assertThat(LocalDate.ofInstant(clock.instant(), activePolicy.policy().calendar().zone()))
                .as("this test needs the review to be due").isAfter(activePolicy.policy().reviewDue().minusDays(30));
        reminders.check();  // the scheduler may have sent this one already, at start

        assertThat(reminders.check()).as("not again within the week").isFalse();
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(reminders.check()).isTrue();
        assertThat(reminders.check()).isFalse();

        String remindedAt = clock.instant().toString();
        var request = CaseFixtures.json(KafkaTopics.awaitRecords("notifications.requested.v1", 1,
                r -> r.value().contains("\"policy-review\"") && r.value().contains(remindedAt), CaseFixtures.WAIT).get(0).value());
        assertThat(request.get("recipient").get("personId").asText()).isEqualTo("chair");
        assertThat(request.get("data").get("reviewDue").asText()).isEqualTo(activePolicy.policy().reviewDue().toString());
        assertThat(request.get("caseReference").isNull()).isTrue();
    }
}
