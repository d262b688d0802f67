package org.safereport.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.safereport.intake.conversation.ReportConversation;
import org.safereport.intake.persistence.Report;
import org.safereport.testing.HeadlessChromium;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.net.URL;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reporter of an anonymous report, on a 360-pixel phone with the keyboard only: finds the message staff
 * sent on the status page, sends an empty reply and reads the error beside the field, then answers. axe-core
 * checks each state; {@code -Dscreenshots.dir} keeps them.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class ReportConversationBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    ReportConversation conversation;

    @Test
    void anAnonymousReporterReadsTheMessageAndAnswersOnAPhone() throws Exception {
        TestData.awaitPolicy();
        String[] filed = TestData.file("""
                {"category": "RESIDENT_CONTACT", "description": "A resident keeps messaging me at night.", "anonymous": true}""");
        UUID reportId = QuarkusTransaction.requiringNew().call(() -> Report.findByReference(filed[0]).orElseThrow().id);
        conversation.fromStaff(reportId, "dsl", "the Designated Safeguarding Lead",
                "Thank you for telling us. Did the messages come through Instagram or by text?");

        try (HeadlessChromium chromium = HeadlessChromium.start(new Dimension(360, 740))) {
            chromium.driver().get("http://127.0.0.1:" + root.getPort() + "/status");
            chromium.tabTo("reference");
            chromium.keys(filed[0]);
            chromium.tabTo("receiptCode");
            chromium.keys(filed[1], Keys.ENTER);
            assertThat(chromium.shown(By.id("messages"), "Did the messages come through Instagram")).isTrue();
            assertThat(chromium.driver().findElement(By.cssSelector("#messages .hint")).getText())
                    .startsWith("The Designated Safeguarding Lead, ");
            chromium.assertAccessible("status with a message");
            chromium.screenshots("reporter-conversation-status");

            chromium.tabTo("send-reply");
            chromium.keys(Keys.ENTER);
            assertThat(chromium.shown(By.id("reply-error"), "Your reply is empty")).isTrue();
            chromium.assertAccessible("status with a reply error");
            chromium.screenshots("reporter-conversation-status-error");

            chromium.tabTo("reply");
            chromium.keys("Through Instagram, always after 11 at night.");
            chromium.tabTo("send-reply");
            chromium.keys(Keys.ENTER);
            assertThat(chromium.shown(By.id("reply-sent"), "Your reply has been sent")).isTrue();
            assertThat(chromium.driver().findElements(By.cssSelector("#messages li p")).stream().map(WebElement::getText).toList())
                    .containsExactly("Thank you for telling us. Did the messages come through Instagram or by text?",
                            "Through Instagram, always after 11 at night.");
            chromium.assertAccessible("status after a reply");
            chromium.screenshots("reporter-conversation-replied");
        }
    }
}
