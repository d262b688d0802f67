package org.safereport.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.safereport.local.LocalStack;
import org.safereport.local.MailSandbox;
import org.safereport.local.SampleRealm;
import org.safereport.testing.HeadlessChromium;
import org.safereport.testing.KeycloakTokens;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The staff workspace as its users meet it, in headless Chromium, against the whole system with a real
 * Keycloak: a reporter files a report with a screenshot on the form; the DSL follows the link in the email,
 * signs in on Keycloak's own page, reads the report and sees the screenshot, acknowledges, adds a note and
 * closes the case, all with the keyboard; the reporter's status page then shows the outcome; and the Chief
 * Executive finds every view and action on the case's audit trail. axe-core checks each staff page.
 */
@ExtendWith(SystemWithKeycloak.class)
@Order(SystemWithKeycloak.RUNS_LAST)
class StaffWorkspaceEndToEndTest {

    private static final Pattern ACK_LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/ack/[A-Za-z0-9._-]+");
    private static final String DESCRIPTION = "A resident sent me a friend request and then asked on Instagram to meet after work.";

    private static LocalStack stack;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    @BeforeAll
    static void theWholeSystemAndABrowser(LocalStack system, HeadlessChromium phone) {
        stack = system;
        chromium = phone;
        browser = phone.driver();
    }

    @Test
    void theDslReadsTheReportAndItsScreenshotAndDealsWithItByKeyboard() throws Exception {
        String[] filed = fileAReportWithAScreenshot();
        String reference = filed[0];
        String receiptCode = filed[1];

        String link = await().atMost(Duration.ofSeconds(60)).until(() -> ackLinkFor(reference, "dsl@example.org"), value -> value != null);
        browser.get(link);
        assertThat(chromium.shown(By.tagName("h1"), reference)).isTrue();
        chromium.tabTo("read-report");
        chromium.keys(Keys.ENTER);

        signInOnKeycloaksPage("dsl");
        assertThat(chromium.shown(By.id("title"), reference)).isTrue();
        assertThat(browser.findElement(By.id("description")).getText()).isEqualTo(DESCRIPTION);
        assertThat(browser.findElement(By.id("reporter")).getText()).contains("alex.example@example.org");
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) browser.executeScript(
                "const image = document.querySelector('#evidence img'); return image && image.complete ? image.naturalWidth : 0") > 0);
        chromium.assertAccessible("case");
        chromium.screenshots("staff-case");
        theEvidenceIsADownloadThatRunsNothing(browser.findElement(By.cssSelector("#evidence a[download]")).getAttribute("href"));

        chromium.tabTo("my-cases");
        chromium.keys(Keys.ENTER);
        assertThat(chromium.shown(By.tagName("h1"), "My cases")).isTrue();
        assertThat(browser.findElements(By.cssSelector("#waiting a")).stream().map(a -> a.getText()).toList()).contains(reference);
        chromium.assertAccessible("my cases");
        chromium.screenshots("staff-my-cases");
        browser.findElement(By.linkText(reference)).sendKeys(Keys.ENTER);
        assertThat(chromium.shown(By.id("title"), reference)).isTrue();

        chromium.tabTo("acknowledge");
        chromium.keys(Keys.ENTER);
        assertThat(chromium.shown(By.id("done"), "You have this case")).isTrue();

        chromium.tabTo("note");
        chromium.keys("Called the resident's key worker; they will talk to the resident today.");
        chromium.tabTo("add-note");
        chromium.keys(Keys.ENTER);
        assertThat(chromium.shown(By.id("done"), "Your note is on the case")).isTrue();

        chromium.tabTo("outcome");
        chromium.keys("Thank you. We spoke to the resident and to the member of staff; the contact has stopped.");
        chromium.tabTo("close");
        chromium.keys(Keys.ENTER);
        assertThat(chromium.shown(By.id("done"), "The case is closed")).isTrue();
        chromium.assertAccessible("closed case");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            browser.get(stack.service(LocalStack.INTAKE).url("/status"));
            chromium.tabTo("reference");
            chromium.keys(reference);
            chromium.tabTo("receiptCode");
            chromium.keys(receiptCode, Keys.ENTER);
            assertThat(chromium.shown(By.id("outcome"), "the contact has stopped")).isTrue();
        });

        browser.get(stack.service(LocalStack.ESCALATION).url("/sign-out"));
        assertThat(chromium.shown(By.tagName("h1"), "You have signed out")).isTrue();
        browser.get(stack.service(LocalStack.ESCALATION).url("/cases/" + reference));
        signInOnKeycloaksPage("chief-executive");
        assertThat(chromium.shown(By.id("title"), reference)).isTrue();
        List<String> trail = browser.findElements(By.cssSelector("#audit tr")).stream().map(row -> row.getText()).toList();
        assertThat(trail).anyMatch(row -> row.contains("Riley Carrow") && row.contains("Viewed report"))
                .anyMatch(row -> row.contains("Riley Carrow") && row.contains("Viewed evidence"))
                .anyMatch(row -> row.contains("Riley Carrow") && row.contains("Acknowledged"))
                .anyMatch(row -> row.contains("Riley Carrow") && row.contains("Added note"))
                .anyMatch(row -> row.contains("Riley Carrow") && row.contains("Closed"));
        chromium.assertAccessible("case with its audit");

        // Only the Chief Executive keeps a case past its retention period: a legal hold, with its reason.
        chromium.tabTo("reason");
        chromium.keys("A claim about this contact has been notified to our insurer.");
        chromium.tabTo("place-legal-hold");
        chromium.keys(Keys.ENTER);
        assertThat(chromium.shown(By.id("done"), "The case is under legal hold")).isTrue();
        assertThat(chromium.shown(By.id("legal-hold"), "notified to our insurer")).isTrue();
        chromium.assertAccessible("case under legal hold");
        chromium.screenshots("staff-case-legal-hold");
    }

    /** Saved, never shown inline: what a browser gets for the download link, with the DSL's own token. */
    private static void theEvidenceIsADownloadThatRunsNothing(String url) throws Exception {
        String token = KeycloakTokens.staffAccessToken(stack.keycloak().issuerUrl(), "dsl");
        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(value -> assertThat(value).startsWith("attachment"));
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(file.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(value -> assertThat(value).contains("sandbox"));
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(file.body())).getWidth()).isEqualTo(360);
        HttpResponse<byte[]> signedOut = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(signedOut.statusCode()).as("without a sign-in, the provider's sign-in page instead").isEqualTo(302);
    }

    /** The reporter's side, on the form with the keyboard; returns the reference and the receipt code. */
    private static String[] fileAReportWithAScreenshot() throws IOException {
        browser.get(stack.service(LocalStack.INTAKE).url("/report"));
        chromium.tabTo("category-RESIDENT_CONTACT");
        chromium.keys(Keys.SPACE);
        chromium.tabTo("description");
        chromium.keys(DESCRIPTION);
        chromium.tabTo("evidence");
        // The one step no keyboard can do alone: choosing the file in the system's file dialog.
        browser.switchTo().activeElement().sendKeys(screenshot().toString());
        chromium.tabTo("reporter-name");
        chromium.keys("Alex Example");
        chromium.tabTo("reporter-email");
        chromium.keys("alex.example@example.org");
        chromium.tabTo("send");
        chromium.keys(Keys.ENTER);
        assertThat(chromium.shown(By.tagName("h1"), "Report sent")).isTrue();
        return new String[] {browser.findElement(By.id("reference")).getText(), browser.findElement(By.id("receipt-code")).getText()};
    }

    private static void signInOnKeycloaksPage(String username) {
        chromium.signInOnKeycloak(username, SampleRealm.PASSWORD);
    }

    private static String ackLinkFor(String reference, String recipient) {
        return stack.mailbox().messages().stream()
                .filter(mail -> mail.subject().contains(reference) && mail.to().contains(recipient))
                .map(MailSandbox.ReceivedMail::text)
                .map(ACK_LINK::matcher).filter(Matcher::find).map(Matcher::group)
                .findFirst().orElse(null);
    }

    /** A screenshot as a phone makes one: a PNG of a made-up message. */
    private static Path screenshot() throws IOException {
        BufferedImage image = new BufferedImage(360, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 360, 640);
        graphics.setColor(new Color(0x1d70b8));
        graphics.fillRoundRect(20, 40, 260, 80, 20, 20);
        graphics.setColor(Color.WHITE);
        graphics.drawString("Fancy meeting up after work?", 35, 85);
        graphics.dispose();
        Path file = Files.createTempFile(chromium.profile(), "message", ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
