package org.safereport.escalation.removal;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.IntakeStandIn;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.local.SampleRealm;
import org.safereport.testing.HeadlessChromium;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.TestImages;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.safereport.escalation.CaseFixtures.requests;

/**
 * The removal request's pages in a real browser at phone width, checked with axe-core at each step and
 * photographed with -Dscreenshots.dir: the form on the case page (with its errors beside the fields), the page the
 * person asked answers on (in the public layout: they may be outside the charity), the case page once they refused,
 * with the disciplinary referral, and the confirmation of a removal with a screenshot chosen as evidence.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(IntakeStandIn.class)
class RemovalRequestBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = "escalation.intake-url")
    String intakeUrl;

    @Inject
    AdjustableClock clock;

    private String local(String path) {
        return root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "") + path;
    }

    /** A report for intake's stand-in to answer with, so that the case page shows it as staff would see it. */
    private void reportInIntake(String reference) {
        UUID reportId = CaseFixtures.escalationCase(reference).reportId;
        String report = """
                {"reportId": "%s", "reference": "%s", "category": "POLICY_BREACH",
                 "categoryLabel": "A member's social media use breaks the policy", "submittedAt": "%s",
                 "description": "A volunteer posted photos of residents at the summer trip on their public profile.",
                 "platform": "Facebook", "youngPersonAtRisk": false, "anonymous": true}
                """.formatted(reportId, reference, clock.instant());
        given().baseUri(intakeUrl).header("X-Answer-For", "GET /internal/v1/reports/" + reportId).body(report)
                .put("/stand-in/answers").then().statusCode(204);
    }

    private static void type(HeadlessChromium chromium, String id, String text) {
        WebElement field = chromium.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void staffAskForARemovalAndThePersonAskedRefusesOnPagesThatAreAccessibleOnAPhone() throws Exception {
        String reference = CaseFixtures.fileReport(clock.instant(), "POLICY_BREACH", false);
        reportInIntake(reference);
        try (HeadlessChromium chromium = HeadlessChromium.start(HeadlessChromium.PHONE)) {
            chromium.driver().get(local("/cases/" + reference));
            chromium.signInOnKeycloak("chief-executive", SampleRealm.PASSWORD);
            assertThat(chromium.shown(By.id("new-removal-heading"), "Ask someone to remove a post")).isTrue();
            assertThat(chromium.driver().findElement(By.id("dueAt-hint")).getText()).contains("24 hours");

            type(chromium, "location", "https://social.example.org/korban-volunteer/posts/4711");
            new Select(chromium.driver().findElement(By.id("asked"))).selectByValue("outside");
            chromium.driver().findElement(By.id("request-removal")).click();
            assertThat(chromium.shown(By.id("platform-error"), "The platform is empty")).isTrue();
            assertThat(chromium.driver().findElement(By.id("askedEmail-error")).getText()).contains("email address");
            chromium.assertAccessible("removal request with errors");
            chromium.screenshots("removal-request-errors");

            type(chromium, "platform", "Facebook");
            new Select(chromium.driver().findElement(By.id("owner"))).selectByValue("volunteer");
            new Select(chromium.driver().findElement(By.id("asked"))).selectByValue("volunteer");
            chromium.driver().findElement(By.id("request-removal")).click();
            assertThat(chromium.shown(By.id("done"), "The removal request is sent")).isTrue();
            assertThat(chromium.driver().findElement(By.id("removal-1-status")).getText()).contains("Waiting for an answer");
            chromium.assertAccessible("case with a removal request");
            chromium.screenshots("removal-request-case");

            String link = URI.create(requests(reference, 2).get(1).get("acknowledgementLink").asText()).getPath();
            chromium.driver().get(local(link));
            assertThat(chromium.shown(By.tagName("h1"), "Please remove a post")).isTrue();
            assertThat(chromium.driver().findElement(By.tagName("header")).getText()).as("a page for people outside the charity")
                    .contains("SafeReport").doesNotContain("Staff");
            assertThat(chromium.driver().findElements(By.cssSelector("a[href^='/cases']"))).isEmpty();
            chromium.assertAccessible("removal answer");
            chromium.screenshots("removal-request-answer");

            chromium.driver().findElement(By.id("refuse")).click();
            assertThat(chromium.shown(By.id("reason-error"), "Your reason is empty")).isTrue();
            chromium.assertAccessible("removal answer with an error");
            type(chromium, "reason", "The photos were taken with the residents' agreement.");
            chromium.driver().findElement(By.id("refuse")).click();
            assertThat(chromium.shown(By.tagName("h1"), "Your reason is sent")).isTrue();
            chromium.assertAccessible("removal refused");
            chromium.screenshots("removal-request-refused");

            chromium.driver().get(local("/cases/" + reference));
            assertThat(chromium.shown(By.id("removal-1-referral"), "Chief Executive")).isTrue();
            chromium.assertAccessible("case with a disciplinary referral");
            chromium.screenshots("removal-request-referral");
        }
    }

    @Test
    void staffConfirmARemovalWithAScreenshotChosenOnThePhone(@TempDir Path files) throws Exception {
        String reference = CaseFixtures.fileReport(clock.instant(), "POLICY_BREACH", false);
        reportInIntake(reference);
        Path screenshot = Files.write(files.resolve("post-gone.png"), TestImages.png());
        Path notAnImage = Files.writeString(files.resolve("post-gone-too.png"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        try (HeadlessChromium chromium = HeadlessChromium.start(HeadlessChromium.PHONE)) {
            chromium.driver().get(local("/cases/" + reference));
            chromium.signInOnKeycloak("chief-executive", SampleRealm.PASSWORD);
            assertThat(chromium.shown(By.id("new-removal-heading"), "Ask someone to remove a post")).isTrue();
            type(chromium, "platform", "Instagram");
            type(chromium, "location", "https://social.example.org/korban-volunteer/stories/88");
            new Select(chromium.driver().findElement(By.id("asked"))).selectByValue("volunteer");
            chromium.driver().findElement(By.id("request-removal")).click();
            assertThat(chromium.shown(By.id("done"), "The removal request is sent")).isTrue();
            chromium.driver().get(local(URI.create(requests(reference, 2).get(1).get("acknowledgementLink").asText()).getPath()));
            chromium.driver().findElement(By.id("removed")).click();
            assertThat(chromium.shown(By.tagName("h1"), "Thank you: you have removed it")).isTrue();

            chromium.driver().get(local("/cases/" + reference));
            chromium.driver().findElement(By.id("evidence-1")).sendKeys(notAnImage.toString());
            chromium.driver().findElement(By.id("confirm-removal-1")).click();
            assertThat(chromium.shown(By.id("evidence-1-error"), "must be a PNG, JPEG or WebP image")).isTrue();
            chromium.assertAccessible("confirming a removal with a file that is no image");
            chromium.screenshots("removal-evidence-error");

            chromium.driver().findElement(By.id("evidence-1")).sendKeys(screenshot.toString());
            chromium.driver().findElement(By.id("confirm-removal-1")).click();
            assertThat(chromium.shown(By.id("done"), "The removal is confirmed")).isTrue();
            assertThat(chromium.driver().findElement(By.id("removal-1-evidence")).getText()).isEqualTo("Download the screenshot");
            assertThat(chromium.driver().findElement(By.id("removal-1")).getText()).contains("PNG image, ");
            chromium.assertAccessible("case with a removal confirmed with a screenshot");
            chromium.screenshots("removal-evidence-confirmed");
        }
    }
}
