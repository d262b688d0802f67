package org.safereport.escalation.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.safereport.escalation.IntakeStandIn;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.local.SampleRealm;
import org.safereport.testing.HeadlessChromium;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export page in a real browser, signed in on Keycloak's own page with the keyboard: reached from the
 * navigation, checked with axe-core as it opens and with an error, photographed with -Dscreenshots.dir.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(IntakeStandIn.class)
class PersonExportBrowserTest {

    @TestHTTPResource("/cases")
    URL myCases;

    @Test
    void theChiefExecutiveFindsTheExportInTheNavigationAndItIsAccessible() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(HeadlessChromium.DESKTOP)) {
            chromium.driver().get(myCases.toString().replace("localhost", "127.0.0.1"));
            chromium.signInOnKeycloak("chief-executive", SampleRealm.PASSWORD);
            assertThat(chromium.shown(By.tagName("h1"), "My cases")).isTrue();

            chromium.tabTo("people-export");
            chromium.keys(Keys.ENTER);
            assertThat(chromium.shown(By.tagName("h1"), "Export a person's data")).isTrue();
            chromium.assertAccessible("person export");
            chromium.screenshots("person-export");

            chromium.tabTo("email");
            chromium.keys("not an address");
            chromium.tabTo("export");
            chromium.keys(Keys.ENTER);
            assertThat(chromium.shown(By.id("email-error"), "is not an email address")).isTrue();
            chromium.assertAccessible("person export with an error");
            chromium.screenshots("person-export-error");
        }
    }
}
