package org.safereport.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.safereport.local.LocalStack;
import org.safereport.local.MailSandbox;
import org.safereport.local.SampleRealm;
import org.safereport.testing.HeadlessChromium;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A removal request through the whole system, its mail server included: the Chief Executive asks a volunteer on
 * the case page to remove a post; the volunteer's email carries the link; they answer "removed" on its page; the
 * Chief Executive checks and confirms it. (The refusal and the deadline, which need the clock moved, are in the
 * escalation service's RemovalRequestsTest.)
 */
@ExtendWith(SystemWithKeycloak.class)
@Order(SystemWithKeycloak.RUNS_LAST)
class RemovalRequestEndToEndTest {

    private static final Pattern REMOVAL_LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/removal/[A-Za-z0-9._-]+");
    private static final String POST = "https://social.example.org/korban-volunteer/posts/4711";

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
    void aVolunteerRemovesAPostTheyWereAskedToRemoveAndTheChiefExecutiveConfirmsIt() {
        String reference = fileAnAnonymousReport();

        browser.get(stack.service(LocalStack.ESCALATION).url("/cases/" + reference));
        chromium.signInOnKeycloak("chief-executive", SampleRealm.PASSWORD);
        assertThat(chromium.shown(By.id("new-removal-heading"), "Ask someone to remove a post")).isTrue();
        browser.findElement(By.id("platform")).sendKeys("Facebook");
        browser.findElement(By.id("location")).sendKeys(POST);
        new Select(browser.findElement(By.id("owner"))).selectByValue("volunteer");
        new Select(browser.findElement(By.id("asked"))).selectByValue("volunteer");
        browser.findElement(By.id("request-removal")).click();
        assertThat(chromium.shown(By.id("done"), "The removal request is sent")).isTrue();

        MailSandbox.ReceivedMail mail = await().atMost(Duration.ofSeconds(60)).until(() -> stack.mailbox().messages().stream()
                .filter(received -> received.subject().contains(reference) && received.subject().contains("please remove a post")
                        && received.to().contains("volunteer@example.org"))
                .findFirst().orElse(null), found -> found != null);
        assertThat(mail.text()).contains(POST, "Facebook");
        Matcher link = REMOVAL_LINK.matcher(mail.text());
        assertThat(link.find()).as("the link to answer, in %s", mail.text()).isTrue();

        browser.get(link.group());
        assertThat(chromium.shown(By.tagName("h1"), "Please remove a post")).isTrue();
        chromium.assertAccessible("removal answer");
        browser.findElement(By.id("removed")).click();
        assertThat(chromium.shown(By.tagName("h1"), "Thank you: you have removed it")).isTrue();

        browser.get(stack.service(LocalStack.ESCALATION).url("/cases/" + reference));
        assertThat(chromium.shown(By.id("removal-1-status"), "Check that it is gone")).isTrue();
        browser.findElement(By.id("confirm-removal-1")).click();
        assertThat(chromium.shown(By.id("done"), "The removal is confirmed")).isTrue();
        assertThat(browser.findElement(By.id("removal-1-status")).getText()).contains("Jordan Ashby checked that it is gone");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Removal requested", "Removal answered", "Removal confirmed");
        chromium.assertAccessible("case with a confirmed removal");
    }

    /** The reporter's side, on the form: a policy breach, anonymous; returns its reference. */
    private static String fileAnAnonymousReport() {
        browser.get(stack.service(LocalStack.INTAKE).url("/report"));
        browser.findElement(By.cssSelector("label[for=category-POLICY_BREACH]")).click();
        browser.findElement(By.id("description")).sendKeys("A volunteer posted photos of residents at the summer trip on their public profile.");
        browser.findElement(By.id("send")).click();
        assertThat(chromium.shown(By.tagName("h1"), "Report sent")).isTrue();
        return browser.findElement(By.id("reference")).getText();
    }
}
