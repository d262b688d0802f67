package org.safereport.escalation.trustees;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.escalation.SignedIn;
import org.safereport.escalation.acknowledgement.Acknowledgements;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.deadlines.DeadlineEngine;
import org.safereport.escalation.domain.CaseState;
import org.safereport.local.SampleRealm;
import org.safereport.testing.HeadlessChromium;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trustees' report from cases made for it, with the service's clock in a quarter no other test reports in
 * (2045-Q2), every figure checked against a count made by hand:
 * <ul>
 *   <li>A, B: a resident's contact, acknowledged by the DSL after 20 and 30 minutes (within the hour);</li>
 *   <li>C: a resident's contact nobody acknowledged within the hour, passed to the deputy, acknowledged at 70 minutes;</li>
 *   <li>D: unintended contact nobody acknowledged, passed to the Chair, then past the Chair's deadline too;</li>
 *   <li>E: reported in the next quarter, so not counted.</li>
 * </ul>
 * So: 4 reports (3 and 1), 3 acknowledged, 2 within the deadline, times 20, 30 and 70 minutes (median 30, 90th
 * percentile 70), 2 went overdue (C, D), 1 reached the end of its chain (D).
 */
@QuarkusTest
@TestProfile(TrusteesReportTest.OwnClock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
class TrusteesReportTest {

    /** An application of its own, so that its clock can go to 2045 without moving the other tests' clock. */
    public static class OwnClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("escalation.trustees-report-check-interval", "24h");
        }
    }

    private static final AuditTrail.Actor DSL = new AuditTrail.Actor("dsl", "192.0.2.10");
    private static final String PAGE = "/cases/trustees-report";

    @Inject
    AdjustableClock clock;

    @Inject
    DeadlineEngine deadlines;

    @Inject
    Acknowledgements acknowledgements;

    @Inject
    QuarterlyReportToChair quarterly;

    @TestHTTPResource(PAGE)
    URL page;

    @BeforeAll
    void casesOfTheSecondQuarterOf2045() {
        moveClockTo(Instant.parse("2045-05-02T08:00:00Z"));
        String a = file("RESIDENT_CONTACT");
        String b = file("RESIDENT_CONTACT");
        String c = file("RESIDENT_CONTACT");
        clock.advance(Duration.ofMinutes(20));
        acknowledge(a);
        clock.advance(Duration.ofMinutes(10));
        acknowledge(b);
        clock.advance(Duration.ofMinutes(31));
        deadlines.fireDue();
        assertThat(CaseFixtures.state(c)).isEqualTo(CaseState.ESCALATED);
        clock.advance(Duration.ofMinutes(9));
        acknowledge(c);

        String d = file("UNINTENDED_CONTACT");
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        deadlines.fireDue();
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        deadlines.fireDue();
        assertThat(CaseFixtures.state(d)).isEqualTo(CaseState.OVERDUE);

        moveClockTo(Instant.parse("2045-07-01T09:00:00Z"));
        file("GRIEVANCE");
    }

    private String file(String category) {
        return CaseFixtures.fileReport(clock.instant(), category, false);
    }

    private void acknowledge(String reference) {
        assertThat(acknowledgements.acknowledgeAs(CaseFixtures.escalationCase(reference).id, DSL)).isTrue();
    }

    private void moveClockTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    @Test
    void thePageShowsTheQuartersFiguresAsCountedByHand() {
        Document report = Jsoup.parse(SignedIn.as("chair").queryParam("quarter", "2045-Q2").get(PAGE)
                .then().statusCode(200).extract().asString());

        assertThat(report.getElementById("period").text()).isEqualTo("April to June 2045 (2045-Q2)");
        assertThat(report.getElementById("total-reports").text()).isEqualTo("4");
        assertThat(report.getElementById("total-within").text()).isEqualTo("2 of 4 (50%)");
        assertThat(report.getElementById("total-times").text()).isEqualTo("median 30 min, 90th percentile 1 h 10 min");
        assertThat(report.getElementById("total-overdue").text()).isEqualTo("2");
        assertThat(report.getElementById("total-end-of-chain").text()).isEqualTo("1");
        assertThat(report.select("#reports-by-category tbody tr").eachText()).contains(
                "A resident made social or inappropriate contact with me 3",
                "I (or another member) made unintended contact with a resident 1",
                "I feel an unfair decision was made or malpractice is happening 0", "All reports 4");
        assertThat(report.select("#time-to-acknowledge tbody tr").eachText()).containsExactly(
                "A resident made social or inappropriate contact with me 1 hour 2 of 3 (67%) 30 min 1 h 10 min 1 0",
                "I (or another member) made unintended contact with a resident 4 hours 0 of 1 (0%) none acknowledged none acknowledged 1 1");
        assertThat(report.select("figure svg rect")).as("a bar per category, then a bar per category with reports")
                .hasSize(report.select("#reports-by-category tbody tr").size() - 1 + 2);
        assertThat(report.text()).as("counts only").doesNotContain("support.worker", "Support", "dsl@");

        Document chiefExecutives = Jsoup.parse(SignedIn.as("chief-executive").queryParam("quarter", "2045-Q3").get(PAGE)
                .then().statusCode(200).extract().asString());
        assertThat(chiefExecutives.getElementById("total-reports").text()).isEqualTo("1");
    }

    @Test
    void theCsvHasALinePerCategoryAndTheTotal() {
        String csv = SignedIn.as("chief-executive").queryParam("quarter", "2045-Q2").get(PAGE + "/figures.csv")
                .then().statusCode(200).contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"safereport-trustees-2045-04-01-to-2045-06-30.csv\"")
                .extract().asString();
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("period_from,period_to,category,category_label,first_deadline,reports,acknowledged,"
                + "acknowledged_within_deadline,median_minutes_to_acknowledge,p90_minutes_to_acknowledge,went_overdue,reached_end_of_chain");
        assertThat(lines).contains(
                "2045-04-01,2045-06-30,RESIDENT_CONTACT,A resident made social or inappropriate contact with me,1 hour,3,3,2,30,70,1,0",
                "2045-04-01,2045-06-30,UNINTENDED_CONTACT,I (or another member) made unintended contact with a resident,4 hours,1,0,0,,,1,1",
                "2045-04-01,2045-06-30,ALL,All reports,,4,3,2,30,70,2,1");

        String range = SignedIn.as("chief-executive").queryParam("from", "2045-05-01").queryParam("to", "2045-07-31")
                .get(PAGE + "/figures.csv").then().statusCode(200).extract().asString();
        assertThat(range).as("any range of dates, both ends included").contains("2045-05-01,2045-07-31,ALL,All reports,,5,3,2,30,70,2,1");
    }

    @Test
    void onlyTheChairAndTheChiefExecutiveSeeIt() {
        SignedIn.as("dsl").get(PAGE).then().statusCode(403);
        SignedIn.as("dsl").get(PAGE + "/figures.csv").then().statusCode(403);
        SignedIn.as("team-leader").get(PAGE).then().statusCode(403);
        assertThat(SignedIn.as("dsl").get("/cases").asString()).doesNotContain("/cases/trustees-report");
        assertThat(SignedIn.as("chair").get("/cases").asString()).contains("href=\"/cases/trustees-report\"");
    }

    @Test
    void aPeriodThatIsNotOneIsRefusedNamingTheField() {
        Document page = Jsoup.parse(SignedIn.as("chair").queryParam("quarter", "2045-Q5").get(PAGE)
                .then().statusCode(400).extract().asString());
        assertThat(page.getElementById("quarter-error").text()).contains("for example 2026-Q3");
        assertThat(page.title()).startsWith("Error:");

        for (Map.Entry<Map<String, String>, String> bad : Map.of(
                Map.of("quarter", "2045-Q5"), "quarter",
                Map.of("from", "2045-02-30", "to", "2045-03-01"), "from",
                Map.of("from", "2045-03-01"), "to",
                Map.of("from", "2045-03-01", "to", "2045-02-01"), "to",
                Map.of("from", "2001-01-01", "to", "2045-01-01"), "to").entrySet()) {
            JsonNode problem = CaseFixtures.json(SignedIn.as("chair").queryParams(bad.getKey()).get(PAGE + "/figures.csv")
                    .then().statusCode(400).contentType("application/problem+json").extract().asString());
            assertThat(problem.toString()).as("%s", bad.getKey()).contains("\"" + bad.getValue() + "\"");
        }
    }

    @Test
    void theChairGetsTheLastQuartersFiguresOnceAtTheStartOfTheNext() {
        assertThat(quarterly.send()).contains("2045-Q2");
        assertThat(quarterly.send()).as("once a quarter").isEmpty();

        JsonNode request = CaseFixtures.json(KafkaTopics.awaitRecords("notifications.requested.v1", 1,
                record -> record.value().contains("\"trustees-report\"") && record.value().contains("2045-Q2"), CaseFixtures.WAIT)
                .get(0).value());
        assertThat(request.get("recipient").get("personId").asText()).isEqualTo("chair");
        assertThat(request.get("caseReference").isNull()).isTrue();
        JsonNode data = request.get("data");
        assertThat(data.get("period").asText()).isEqualTo("April to June 2045 (2045-Q2)");
        assertThat(data.get("reports").asInt()).isEqualTo(4);
        assertThat(data.get("acknowledgedWithinDeadline").asInt()).isEqualTo(2);
        assertThat(data.get("wentOverdue").asInt()).isEqualTo(2);
        assertThat(data.get("reachedEndOfChain").asInt()).isEqualTo(1);
        assertThat(data.get("medianTimeToAcknowledge").asText()).isEqualTo("30 min");
        assertThat(data.get("ninetiethPercentileTimeToAcknowledge").asText()).isEqualTo("1 h 10 min");
        assertThat(data.get("reportUrl").asText()).isEqualTo("/cases/trustees-report?quarter=2045-Q2");
        assertThat(data.toString()).as("counts only").doesNotContain("SM-", "@example.org");
    }

    @Test
    void theChairReadsItInABrowserWithTheKeyboard() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(HeadlessChromium.PHONE)) {
            chromium.driver().get(page.toString().replace("localhost", "127.0.0.1") + "?quarter=2045-Q2");
            chromium.signInOnKeycloak("chair", SampleRealm.PASSWORD);
            assertThat(chromium.shown(By.id("total-reports"), "4")).isTrue();
            chromium.assertAccessible("trustees' report");
            chromium.screenshots("trustees-report");

            chromium.tabTo("show-quarter");
            chromium.keys(Keys.ENTER);
            assertThat(chromium.shown(By.id("period"), "(2045-Q2)")).as("the quarter shown stays chosen").isTrue();

            chromium.driver().get(page.toString().replace("localhost", "127.0.0.1") + "?from=2045-07-01");
            assertThat(chromium.shown(By.id("to-error"), "Give the end date")).isTrue();
            chromium.assertAccessible("trustees' report with an error");
        }
    }
}
