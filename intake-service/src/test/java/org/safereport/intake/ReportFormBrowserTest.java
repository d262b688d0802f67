package org.safereport.intake;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    @TestHTTPResource("/")
    URL root;

    private HeadlessChromium chromium;
    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        TestData.awaitPolicy();
        chromium = HeadlessChromium.start(PHONE);
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
        assertAccessible("form");
        screenshots("form");

        tabTo("category-RESIDENT_CONTACT");
        keys(Keys.SPACE);
        tabTo("description");
        keys("A resident sent me a friend request and then a message on Instagram asking to meet.");
        tabTo("where-platform");
        keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        tabTo("youngPersonAtRisk");
        keys(Keys.SPACE);
        tabTo("evidence");
        Path screenshot = Files.write(Files.createTempFile(profile, "message", ".png"), TestData.png(null));
        // The one step no keyboard can do alone: choosing the file in the system's file dialog.
        browser.switchTo().activeElement().sendKeys(screenshot.toString());
        tabTo("reporter-name");
        keys("Alex Example");
        tabTo("reporter-email");
        keys("alex.example@example.org");
        tabTo("reporter-phone");
        keys("+44 7700 900123");
        tabTo("send");
        keys(Keys.ENTER);

        assertThat(shown(By.tagName("h1"), "Report sent")).isTrue();
        String reference = browser.findElement(By.id("reference")).getText();
        String receiptCode = browser.findElement(By.id("receipt-code")).getText();
        assertThat(reference).matches("SM-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat(receiptCode).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat(browser.findElement(By.id("handled-by")).getText()).isEqualTo("the Designated Safeguarding Lead");
        assertThat(browser.findElement(By.id("guidance")).getText()).contains("Do not reply to the resident");
        assertThat(browser.findElement(By.id("respond-by")).getText()).matches(".*\\d{4} at \\d{2}:\\d{2} .*");
        assertAccessible("confirmation");
        screenshots("confirmation");

        browser.get(url("/status"));
        tabTo("reference");
        keys(reference);
        tabTo("receiptCode");
        keys(receiptCode.toLowerCase());
        keys(Keys.ENTER);
        assertThat(shown(By.id("state"), "Received")).isTrue();
        assertThat(browser.findElement(By.id("with-role")).getText()).isEqualTo("the Designated Safeguarding Lead");
        assertAccessible("status");
        screenshots("status");
    }

    @Test
    void mistakesAreExplainedAtTheTopAndBesideTheField() throws IOException {
        browser.get(url("/report"));
        tabTo("description");
        keys("Too short");
        tabTo("send");
        keys(Keys.ENTER);

        assertThat(shown(By.className("error-summary-title"), "There is a problem")).isTrue();
        assertThat(browser.getTitle()).startsWith("Error:");
        List<String> summary = browser.findElements(By.cssSelector(".error-summary-list a")).stream().map(a -> a.getText()).toList();
        assertThat(summary).contains("What happened: choose what happened",
                "Describe what happened: must be between 10 and 10,000 characters");
        assertThat(browser.findElement(By.id("description")).getAttribute("value")).isEqualTo("Too short");
        browser.findElement(By.cssSelector(".error-summary-list a[href='#description']")).sendKeys(Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("description");
        assertAccessible("form with errors");
        screenshots("form-errors");
    }

    /** Waits for the next page, since a key press does not wait for the navigation it starts. */
    private boolean shown(By element, String text) {
        return new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(element, text));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + root.getPort() + path;
    }

    /** Presses Tab until the element is focused, as a keyboard user moves through the page. */
    private void tabTo(String id) {
        for (int presses = 0; presses < 60; presses++) {
            if (id.equals(browser.switchTo().activeElement().getAttribute("id"))) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private void assertAccessible(String page) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"))
                .analyze(browser);
        List<String> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(ReportFormBrowserTest::describe)
                .toList();
        assertThat(serious).as("serious or critical accessibility violations on the %s page", page).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    /** Whole pages at phone and desktop widths, into {@code screenshots.dir} when it is set. */
    private void screenshots(String name) throws IOException {
        String dir = System.getProperty("screenshots.dir");
        if (dir == null) {
            return;
        }
        Files.createDirectories(Path.of(dir));
        for (Dimension size : List.of(PHONE, DESKTOP)) {
            browser.manage().window().setSize(size);
            long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
            browser.manage().window().setSize(new Dimension(size.width, (int) Math.max(size.height, height)));
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
            byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(Path.of(dir, name + "-" + (size == PHONE ? "phone" : "desktop") + ".png"), png);
        }
        browser.manage().window().setSize(PHONE);
    }
}
