package org.safereport.intake.fuzz;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.safereport.testing.HeadlessChromium;
import org.safereport.intake.PolicyTestResource;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.fuzz.FuzzTally;
import org.safereport.testing.fuzz.HostileInput;

import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.safereport.intake.fuzz.FuzzInputs.formPost;

/**
 * The stored-script check in a real browser: a report whose text fields carry every script payload,
 * closed with an outcome and a role that carry them all too, is looked up on the status page in headless
 * Chromium; the form is typed full of payloads and sent back with errors. No payload may run: each would
 * set {@code window.__pwned}. The browser is told to ignore the pages' Content-Security-Policy, so that
 * this checks the escaping itself, not only the policy that would stop a script that got through.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class ScriptPayloadBrowserTest {

    private static final String ALL = String.join(" ", HostileInput.scripts());

    @TestHTTPResource("/")
    URL root;

    private HeadlessChromium chromium;
    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        FuzzInputs.awaitPolicy();
        chromium = HeadlessChromium.start(new Dimension(1280, 900));
        browser = chromium.driver();
        browser.executeCdpCommand("Page.enable", Map.of());
        browser.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void noStoredOrTypedPayloadRunsInABrowser() {
        FuzzTally tally = new FuzzTally("script payloads in a browser", HostileInput.seed());
        // The check can see a payload run: the same payloads, unescaped, in a page of the browser's own.
        browser.get("data:text/html," + URLEncoder.encode(ALL, StandardCharsets.UTF_8).replace("+", "%20"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran());

        Map<String, String> form = ScriptPayloadTest.storedWith(ALL.substring(0, 90));
        form.put("description", ALL);
        String page = formPost(form).post("/report").then().statusCode(200).extract().asString();
        String reference = ScriptPayloadTest.group(java.util.regex.Pattern.compile("(SM-[0-9A-Z]{4}-[0-9A-Z]{4})"), page);
        String code = ScriptPayloadTest.group(java.util.regex.Pattern.compile("id=\"receipt-code\">([0-9A-Z-]{19})<"), page);
        ScriptPayloadTest.publishClosed(reference, HostileInput.scripts().get(2), ALL, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(given().header("Receipt-Code", code)
                .get("/api/v1/reports/" + reference).jsonPath().getString("status")));

        browser.get(url("/status"));
        browser.findElement(By.id("reference")).sendKeys(reference);
        browser.findElement(By.id("receiptCode")).sendKeys(code);
        browser.findElement(By.id("check")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Closed"));
        checkNothingRan(tally, "the status page of a closed report", () -> {
            assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo(ALL);
            assertThat(browser.findElement(By.id("with-role")).getText()).isEqualTo(HostileInput.scripts().get(2));
        });

        browser.get(url("/report"));
        for (String id : new String[]{"description", "where-other", "subject-name", "reporter-name", "reporter-email"}) {
            browser.findElement(By.id(id)).sendKeys(id.equals("description") ? ALL : HostileInput.scripts().get(id.length() % 5));
        }
        browser.findElement(By.id("send")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.titleContains("Error:"));
        checkNothingRan(tally, "the form shown again with its errors",
                () -> assertThat(browser.findElement(By.id("description")).getAttribute("value")).isEqualTo(ALL));

        for (String payload : HostileInput.scripts()) {
            browser.get(url("/status?reference=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)));
            checkNothingRan(tally, "the status form with the reference " + payload,
                    () -> assertThat(browser.findElement(By.id("reference")).getAttribute("value")).isEqualTo(payload));
        }
        tally.finish();
    }

    /** Whether a payload ran in the page the browser shows. */
    private boolean ran() {
        return browser.executeScript("return window.__pwned === 1 || (window.parent && window.parent.__pwned === 1)") == Boolean.TRUE;
    }

    /** One page as an input: no payload ran on it, and it shows what {@code shows} expects. */
    private void checkNothingRan(FuzzTally tally, String page, Runnable shows) {
        // Event handlers fire as images fail to load and elements get focus: give them the time to.
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> "complete".equals(browser.executeScript("return document.readyState")));
        tally.check(page, 200, () -> {
            assertThat(ran()).as("a payload ran").isFalse();
            shows.run();
        });
    }

    private String url(String path) {
        return "http://127.0.0.1:" + root.getPort() + path;
    }
}
