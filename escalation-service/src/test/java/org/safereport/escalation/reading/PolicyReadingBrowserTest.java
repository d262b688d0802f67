package org.safereport.escalation.reading;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.PolicyReadingToken;
import org.safereport.local.SampleRealm;
import org.safereport.testing.HeadlessChromium;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy page a member opens from their email, and the Chief Executive's page of who has confirmed, in a real
 * browser, on a phone 360 px wide without sideways scrolling, checked with axe-core, photographed with -Dscreenshots.dir.
 */
@QuarkusTest
@TestProfile(PolicyReadingTest.SignificantChange.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
class PolicyReadingBrowserTest {

    private static final int SMALL_PHONE = 360;

    @TestHTTPResource("/")
    URL root;

    @Inject
    AdjustableClock clock;

    @Inject
    EscalationConfig config;

    /**
     * The page at 360 px, as the narrowest phones show it (Chrome's window is never narrower than 500 px, so its
     * viewport is set through DevTools), with nothing wider than the screen, and accessible there.
     */
    private static void assertFitsASmallPhone(HeadlessChromium chromium, String page) {
        chromium.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", SMALL_PHONE, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        try {
            long width = (Long) chromium.driver().executeScript("return document.documentElement.scrollWidth");
            String wider = (String) chromium.driver().executeScript("""
                    return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)
                        .slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')""");
            assertThat(width).as("the " + page + " page's width on a 360 px phone (wider: " + wider + ")")
                    .isLessThanOrEqualTo(SMALL_PHONE);
            chromium.assertAccessible(page + " (360 px)");
        } finally {
            chromium.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void theChiefExecutiveReadsThePolicyConfirmsItAndSeesWhoHasOnAPhone() throws Exception {
        String base = root.toString().replace("localhost", "127.0.0.1");
        // The link of the Chief Executive's invitation, as the email carries it (signed afresh: other tests move the clock).
        String token = new PolicyReadingToken(PolicyReadingTest.reading("chief-executive").id, clock.instant().plus(Duration.ofDays(1)))
                .sign(config.acknowledgement().signingKeyBytes());
        try (HeadlessChromium chromium = HeadlessChromium.start(HeadlessChromium.PHONE)) {
            chromium.driver().get(base + "read/" + token);
            assertThat(chromium.shown(By.tagName("h1"), "Social Media Acceptable Use Policy")).isTrue();
            assertThat(chromium.shown(By.id("who-to-tell"), "Designated Safeguarding Lead")).isTrue();
            assertFitsASmallPhone(chromium, "policy to read");
            chromium.assertAccessible("policy to read");
            chromium.screenshots("policy-read");

            chromium.tabTo("confirm");
            chromium.keys(Keys.ENTER);
            assertThat(chromium.shown(By.id("confirmed"), "Thank you: your confirmation is recorded")).isTrue();
            chromium.assertAccessible("policy confirmed");
            chromium.screenshots("policy-read-confirmed");

            chromium.driver().get(base + "cases");
            chromium.signInOnKeycloak("chief-executive", SampleRealm.PASSWORD);
            assertThat(chromium.shown(By.tagName("h1"), "My cases")).isTrue();
            chromium.tabTo("policy-reading");
            chromium.keys(Keys.ENTER);
            assertThat(chromium.shown(By.tagName("h1"), "Who has read the policy")).isTrue();
            assertThat(chromium.shown(By.id("confirmed"), "Jordan Ashby")).isTrue();
            assertThat(chromium.shown(By.id("not-confirmed"), "Sam Orwell")).isTrue();
            assertFitsASmallPhone(chromium, "who has read the policy");
            chromium.assertAccessible("who has read the policy");
            chromium.screenshots("policy-read-overview");
        }
    }
}
