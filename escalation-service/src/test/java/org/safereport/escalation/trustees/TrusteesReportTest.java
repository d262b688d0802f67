package org.safereport.escalation.trustees;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.persistence.PolicyReading;
import org.safereport.escalation.removal.RemovalDeadlines;
import org.safereport.escalation.removal.RemovalRequests;
import org.safereport.local.SampleRealm;
import org.safereport.testing.HeadlessChromium;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * percentile 70), 2 went overdue (C, D), 1 reached the end of its chain (D). A volunteer is asked to remove a
 * post on each of A, B and C: A's request runs past its hour unanswered, B's is answered "removed" (staff have
 * not checked it yet), C's is refused. So 3 removal requests, 1 waiting for a check, 1 refused, 1 not removed
 * by the deadline, and 2 disciplinary referrals: 1 after a refusal, 1 after a missed deadline.
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
    private static final AuditTrail.Actor CHIEF_EXECUTIVE = new AuditTrail.Actor("chief-executive", "192.0.2.11");
    private static final String PAGE = "/cases/trustees-report";

    @Inject
    AdjustableClock clock;

    @Inject
    DeadlineEngine deadlines;

    @Inject
    Acknowledgements acknowledgements;

    @Inject
    QuarterlyReportToChair quarterly;

    @Inject
    RemovalRequests removals;

    @Inject
    RemovalDeadlines removalDeadlines;

    @Inject
    ActivePolicy activePolicy;

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
        askToRemove(a, Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(10));
        acknowledge(b);
        removals.answerRemoved(askToRemove(b, Duration.ofHours(24)), "192.0.2.20").orElseThrow();
        clock.advance(Duration.ofMinutes(31));
        deadlines.fireDue();
        assertThat(CaseFixtures.state(c)).isEqualTo(CaseState.ESCALATED);
        clock.advance(Duration.ofMinutes(9));
        acknowledge(c);
        removals.answerRefused(askToRemove(c, Duration.ofHours(24)), "It is fair comment.", "192.0.2.20").orElseThrow();

        String d = file("UNINTENDED_CONTACT");
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        deadlines.fireDue();
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        deadlines.fireDue();
        assertThat(CaseFixtures.state(d)).isEqualTo(CaseState.OVERDUE);
        removalDeadlines.fireDue();

        moveClockTo(Instant.parse("2045-07-01T09:00:00Z"));
        file("GRIEVANCE");
    }

    private String file(String category) {
        return CaseFixtures.fileReport(clock.instant(), category, false);
    }

    /** Asks the volunteer to remove a post on the case within {@code within}; returns the token of their link. */
    private String askToRemove(String reference, Duration within) {
        assertThat(removals.record(CaseFixtures.escalationCase(reference).id, CHIEF_EXECUTIVE, new RemovalRequests.Draft("Facebook",
                "https://social.example.org/posts/" + reference, "volunteer", null, "volunteer", null, clock.instant().plus(within))))
                .isPresent();
        JsonNode email = CaseFixtures.json(KafkaTopics.awaitRecords("notifications.requested.v1", 1,
                record -> record.value().contains(reference) && record.value().contains("\"removal-request\""), CaseFixtures.WAIT)
                .get(0).value());
        String path = URI.create(email.get("acknowledgementLink").asText()).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
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
        assertThat(report.select("figure svg rect")).as("a bar per category, a bar per category with reports, a bar per outcome")
                .hasSize(report.select("#reports-by-category tbody tr").size() - 1 + 2 + 5);
        assertThat(report.select("#removal-outcomes tbody tr").eachText()).containsExactly("Waiting for an answer 0",
                "Said to be removed, waiting for staff to check 1", "Removed, and checked by staff 0", "Refused 1",
                "Not removed by the deadline 1", "All removal requests 3");
        assertThat(report.getElementById("referrals").text()).isEqualTo("2: 1 after a refusal, 1 after a missed deadline");
        assertThat(report.text()).as("counts only").doesNotContain("support.worker", "Support", "dsl@", "Facebook", "fair comment");

        Document chiefExecutives = Jsoup.parse(SignedIn.as("chief-executive").queryParam("quarter", "2045-Q3").get(PAGE)
                .then().statusCode(200).extract().asString());
        assertThat(chiefExecutives.getElementById("total-reports").text()).isEqualTo("1");
        assertThat(chiefExecutives.getElementById("no-removals")).isNotNull();
    }

    @Test
    void theShareOfMembersWhoConfirmedThePolicyInForceIsAsRecorded() {
        String version = activePolicy.policy().version();
        // The Chair has confirmed (links to read the policy have expired by this test's 2045, so the row is set here).
        QuarkusTransaction.requiringNew().run(() -> {
            PolicyReading chairs = PolicyReading.find("policyVersion = ?1 and personId = 'chair'", version).firstResult();
            if (chairs == null) {
                chairs = new PolicyReading();
                chairs.id = UUID.randomUUID();
                chairs.policyVersion = version;
                chairs.personId = "chair";
                chairs.invitedAt = clock.instant();
                chairs.lastSentAt = clock.instant();
                chairs.persist();
            }
            if (chairs.confirmedAt == null) {
                chairs.confirmedAt = clock.instant();
            }
        });
        List<String> members = activePolicy.directory().people().stream().map(Person::id).toList();
        long confirmed = QuarkusTransaction.requiringNew().call(() ->
                PolicyReading.count("policyVersion = ?1 and confirmedAt is not null and personId in ?2", version, members));
        assertThat(confirmed).isPositive();

        Document report = Jsoup.parse(SignedIn.as("chair").queryParam("quarter", "2045-Q2").get(PAGE).asString());
        assertThat(report.getElementById("policy-confirmed").text()).isEqualTo("%d of %d (%d%%)".formatted(confirmed, members.size(),
                Math.round(100f * confirmed / members.size())));
        assertThat(SignedIn.as("chair").queryParam("quarter", "2045-Q2").get(PAGE + "/figures.csv").asString()).contains(
                "2045-04-01,2045-06-30,members,,," + members.size(), "2045-04-01,2045-06-30,members_confirmed_policy_in_force,,," + confirmed);
    }

    @Test
    void theCsvHasAFigureALineForEachCategoryTheTotalAndWhatCameAfter() {
        String csv = SignedIn.as("chief-executive").queryParam("quarter", "2045-Q2").get(PAGE + "/figures.csv")
                .then().statusCode(200).contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"safereport-trustees-2045-04-01-to-2045-06-30.csv\"")
                .extract().asString();
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("period_from,period_to,figure,category,category_label,value");
        String resident = "2045-04-01,2045-06-30,%s,RESIDENT_CONTACT,A resident made social or inappropriate contact with me,%s";
        String all = "2045-04-01,2045-06-30,%s,ALL,All reports,%s";
        assertThat(lines).contains(resident.formatted("first_deadline", "1 hour"), resident.formatted("reports", "3"),
                resident.formatted("acknowledged", "3"), resident.formatted("acknowledged_within_deadline", "2"),
                resident.formatted("median_minutes_to_acknowledge", "30"), resident.formatted("p90_minutes_to_acknowledge", "70"),
                resident.formatted("went_overdue", "1"), resident.formatted("reached_end_of_chain", "0"),
                "2045-04-01,2045-06-30,reports,UNINTENDED_CONTACT,I (or another member) made unintended contact with a resident,1",
                "2045-04-01,2045-06-30,median_minutes_to_acknowledge,UNINTENDED_CONTACT,I (or another member) made unintended contact with a resident,",
                "2045-04-01,2045-06-30,reached_end_of_chain,UNINTENDED_CONTACT,I (or another member) made unintended contact with a resident,1",
                all.formatted("reports", "4"), all.formatted("acknowledged_within_deadline", "2"), all.formatted("went_overdue", "2"),
                all.formatted("reached_end_of_chain", "1"),
                "2045-04-01,2045-06-30,removal_requests,,,3", "2045-04-01,2045-06-30,removal_requests_awaiting_check,,,1",
                "2045-04-01,2045-06-30,removal_requests_refused,,,1", "2045-04-01,2045-06-30,removal_requests_not_removed_by_deadline,,,1",
                "2045-04-01,2045-06-30,referrals_after_refusal,,,1", "2045-04-01,2045-06-30,referrals_after_missed_deadline,,,1");

        String range = SignedIn.as("chief-executive").queryParam("from", "2045-05-01").queryParam("to", "2045-07-31")
                .get(PAGE + "/figures.csv").then().statusCode(200).extract().asString();
        assertThat(range).as("any range of dates, both ends included").contains("2045-05-01,2045-07-31,reports,ALL,All reports,5");
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
        assertThat(data.get("removalRequests").asInt()).isEqualTo(3);
        assertThat(data.get("removalsConfirmed").asInt()).isZero();
        assertThat(data.get("referrals").asInt()).isEqualTo(2);
        assertThat(data.get("policyVersion").asText()).isEqualTo(activePolicy.policy().version());
        assertThat(data.get("members").asInt()).isEqualTo(activePolicy.directory().people().size());
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
