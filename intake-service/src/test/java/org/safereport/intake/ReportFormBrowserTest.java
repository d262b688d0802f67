package org.safereport.intake;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.safereport.testing.HeadlessChromium;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person on a phone: headless Chromium at 390x844 fills the form with the keyboard only, attaches a
 * screenshot, sends it, reads the reference and receipt code and checks the report. axe-core checks
 * each page for serious or critical accessibility problems.
 * <p>
 * Set {@code -Dscreenshots.dir=../docs/screenshots} to also save the pages at phone and desktop sizes.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class ReportFormBrowserTest {


    @TestHTTPResource("/")
    URL root;

    private HeadlessChromium chromium;
    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        TestData.awaitPolicy();
        chromium = HeadlessChromium.start(HeadlessChromium.PHONE);
        browser = chromium.driver();
        profile = chromium.profile();
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void personOnAPhoneReportsWithTheKeyboardAndChecksTheReport() throws IOException {
        browser.get(url("/report"));
        chromium.assertAccessible("form");
        chromium.screenshots("form");

        chromium.tabTo("category-RESIDENT_CONTACT");
        chromium.keys(Keys.SPACE);
        chromium.tabTo("description");
        chromium.keys("A resident sent me a friend request and then a message on Instagram asking to meet.");
        chromium.tabTo("where-platform");
        chromium.keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        chromium.tabTo("youngPersonAtRisk");
        chromium.keys(Keys.SPACE);
        chromium.tabTo("evidence");
        Path screenshot = Files.write(Files.createTempFile(profile, "message", ".png"), TestData.png(null));
        // The one step no keyboard can do alone: choosing the file in the system's file dialog.
        browser.switchTo().activeElement().sendKeys(screenshot.toString());
        chromium.tabTo("reporter-name");
        chromium.keys("Alex Example");
        chromium.tabTo("reporter-email");
        chromium.keys("alex.example@example.org");
        chromium.tabTo("reporter-phone");
        chromium.keys("+44 7700 900123");
        chromium.tabTo("send");
        chromium.keys(Keys.ENTER);

        assertThat(chromium.shown(By.tagName("h1"), "Report sent")).isTrue();
        String reference = browser.findElement(By.id("reference")).getText();
        String receiptCode = browser.findElement(By.id("receipt-code")).getText();
        assertThat(reference).matches("SM-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat(receiptCode).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat(browser.findElement(By.id("handled-by")).getText()).isEqualTo("the Designated Safeguarding Lead");
        assertThat(browser.findElement(By.id("guidance")).getText()).contains("Do not reply to the resident");
        assertThat(browser.findElement(By.id("respond-by")).getText()).matches(".*\\d{4} at \\d{2}:\\d{2} .*");
        chromium.assertAccessible("confirmation");
        chromium.screenshots("confirmation");

        browser.get(url("/status"));
        chromium.tabTo("reference");
        chromium.keys(reference);
        chromium.tabTo("receiptCode");
        chromium.keys(receiptCode.toLowerCase());
        chromium.keys(Keys.ENTER);
        assertThat(chromium.shown(By.id("state"), "Received")).isTrue();
        assertThat(browser.findElement(By.id("with-role")).getText()).isEqualTo("the Designated Safeguarding Lead");
        chromium.assertAccessible("status");
        chromium.screenshots("status");
    }

    @Test
    void mistakesAreExplainedAtTheTopAndBesideTheField() throws IOException {
        browser.get(url("/report"));
        chromium.tabTo("description");
        chromium.keys("Too short");
        chromium.tabTo("send");
        chromium.keys(Keys.ENTER);

        assertThat(chromium.shown(By.className("error-summary-title"), "There is a problem")).isTrue();
        assertThat(browser.getTitle()).startsWith("Error:");
        List<String> summary = browser.findElements(By.cssSelector(".error-summary-list a")).stream().map(a -> a.getText()).toList();
        assertThat(summary).contains("What happened: choose what happened",
                "Describe what happened: must be between 10 and 10,000 characters");
        assertThat(browser.findElement(By.id("description")).getAttribute("value")).isEqualTo("Too short");
        browser.findElement(By.cssSelector(".error-summary-list a[href='#description']")).sendKeys(Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("description");
        chromium.assertAccessible("form with errors");
        chromium.screenshots("form-errors");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + root.getPort() + path;
    }
}
