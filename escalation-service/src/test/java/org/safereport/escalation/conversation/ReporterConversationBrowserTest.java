package org.safereport.escalation.conversation;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.IntakeStandIn;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.local.SampleRealm;
import org.safereport.testing.HeadlessChromium;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.net.URL;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversation on the case page in a real browser, on a 360-pixel phone with the keyboard only, signed in
 * on Keycloak's own page: the thread as intake gives it ({@link IntakeStandIn}), a message refused beside its
 * field, then sent. axe-core checks each state; {@code -Dscreenshots.dir} keeps them.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(IntakeStandIn.class)
class ReporterConversationBrowserTest {

    @TestHTTPResource("/cases")
    URL myCases;

    @Inject
    AdjustableClock clock;

    @ConfigProperty(name = "escalation.intake-url")
    String intakeUrl;

    @Test
    void theDslReadsTheThreadAndWritesToTheReporterOnAPhone() throws Exception {
        String reference = CaseFixtures.fileReport(clock.instant(), "SAFEGUARDING_CONCERN", false, null, null);
        UUID reportId = CaseFixtures.escalationCase(reference).reportId;
        given().baseUri(intakeUrl).header("X-Answer-For", "GET /internal/v1/reports/" + reportId).body("""
                {"reportId": "%s", "reference": "%s", "category": "SAFEGUARDING_CONCERN", "categoryLabel": "A safeguarding concern",
                 "submittedAt": "2026-11-25T09:00:00Z", "description": "A resident keeps messaging me at night.", "links": [],
                 "youngPersonAtRisk": true, "anonymous": true, "evidence": [], "messages": [
                  {"id": "%s", "sender": "STAFF", "staffPersonId": "dsl", "staffRoleTitle": "the Designated Safeguarding Lead",
                   "sentAt": "2026-11-25T10:00:00Z", "text": "Thank you for telling us. Did the messages come through Instagram or by text?"},
                  {"id": "%s", "sender": "REPORTER", "sentAt": "2026-11-25T10:30:00Z", "text": "Through Instagram, always after 11 at night."}]}
                """.formatted(reportId, reference, UUID.randomUUID(), UUID.randomUUID())).put("/stand-in/answers").then().statusCode(204);

        try (HeadlessChromium chromium = HeadlessChromium.start(new Dimension(360, 740))) {
            chromium.driver().get(myCases.toString().replace("localhost", "127.0.0.1") + "/" + reference);
            chromium.signInOnKeycloak("dsl", SampleRealm.PASSWORD);
            assertThat(chromium.shown(By.id("thread"), "always after 11 at night")).isTrue();
            chromium.assertAccessible("case with its conversation");
            chromium.screenshots("reporter-conversation-case");

            chromium.tabTo("send-message");
            chromium.keys(Keys.ENTER);
            assertThat(chromium.shown(By.id("message-error"), "Your message is empty")).isTrue();
            chromium.assertAccessible("case with a message error");

            chromium.tabTo("message");
            chromium.keys("Thank you. I have asked Instagram to take the account down; please block it too.");
            chromium.tabTo("send-message");
            chromium.keys(Keys.ENTER);
            assertThat(chromium.shown(By.id("done"), "Your message is on the reporter's status page")).isTrue();
            chromium.assertAccessible("case after a message");
        }
    }
}
