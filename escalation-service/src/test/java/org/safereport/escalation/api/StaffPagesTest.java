package org.safereport.escalation.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.FormPost;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.escalation.SignedIn;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KeycloakTestResource;
import org.safereport.testing.PostgresTestResource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The staff workspace's pages, signed in through the real Keycloak: who may open which case, the list with
 * visibility in its query, each action through its form (with its CSRF token) and its audit entry. The
 * report's content needs the intake service, which these tests do not run: the full flow with it, in a
 * browser, is in system-tests.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
class StaffPagesTest {

    @Inject
    AdjustableClock clock;

    @Inject
    EntityManager entityManager;

    private String fileReport(String category, String subjectEmail) {
        return CaseFixtures.fileReport(clock.instant(), category, false, "support.worker@example.org", subjectEmail);
    }

    static Document page(String personId, String path) {
        Response response = SignedIn.as(personId).redirects().follow(false).get(path);
        assertThat(response.statusCode()).as("GET %s as %s", path, personId).isEqualTo(200);
        return Jsoup.parse(response.asString());
    }

    static Response post(String personId, String reference, String action, String... fields) {
        return post(FormPost.from(SignedIn.as(personId), "/cases/" + reference), personId, reference, action, fields);
    }

    /** With the CSRF pair of a page {@code personId} may not have seen. */
    private static Response post(FormPost form, String personId, String reference, String action, String... fields) {
        var request = SignedIn.as(personId);
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return form.post(request, "/cases/" + reference + "/" + action);
    }

    @Test
    void aSignedOutVisitorIsSentToTheIdentityProvidersSignInPage() {
        String reference = fileReport("INAPPROPRIATE_MATERIAL", null);

        for (String path : List.of("/cases", "/cases/" + reference)) {
            Response response = given().redirects().follow(false).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.header("Location")).as(path)
                    .startsWith(KeycloakTestResource.server().issuerUrl() + "/protocol/openid-connect/auth?")
                    .contains("code_challenge_method=S256");
        }
    }

    @Test
    void aCaseOpensOnlyForThoseThePolicyGivesItToAndNeverForItsSubject() {
        String safeguarding = fileReport("SAFEGUARDING_CONCERN", null);
        String aboutTheChiefExecutive = fileReport("POLICY_BREACH", "chief.executive@example.org");

        assertThat(page("dsl", "/cases/" + safeguarding).getElementById("title").text()).startsWith(safeguarding);
        SignedIn.as("team-leader").get("/cases/" + safeguarding).then().statusCode(404);
        SignedIn.as("chief-executive").get("/cases/" + aboutTheChiefExecutive).then().statusCode(404);
        SignedIn.as("dsl").get("/cases/SM-0000-0000").then().statusCode(404);
        FormPost dslsForm = FormPost.from(SignedIn.as("dsl"), "/cases/" + safeguarding);
        post(dslsForm, "team-leader", safeguarding, "close", "outcome", "not mine").then().statusCode(404);
        assertThat(CaseFixtures.state(safeguarding)).isNotEqualTo(CaseState.CLOSED);
    }

    @Test
    void myCasesShowsWhatWaitsForMeThenAFullPageOfWhatIMaySee() {
        // Later than every case other tests opened, so that these two are the DSL's newest.
        clock.advance(Duration.ofMinutes(1));
        List<String> safeguarding = List.of(fileReport("SAFEGUARDING_CONCERN", null), fileReport("SAFEGUARDING_CONCERN", null));
        // Newer cases the DSL may not see: with visibility applied after the limit, they would crowd the page out.
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 4; i++) {
            fileReport("GRIEVANCE", null);
        }

        Document mine = page("dsl", "/cases");
        assertThat(mine.select("#waiting a").eachText()).containsAll(safeguarding);
        assertThat(mine.select("#respond-by, #waiting td").eachText()).anyMatch(text -> text.matches(".* at \\d\\d:\\d\\d .*, in \\d+ (minutes?|hours?).*"));
        assertThat(SignedIn.as("dsl").queryParam("limit", 2).get("/api/v1/cases").then().statusCode(200)
                .extract().jsonPath().getList("reference", String.class)).hasSize(2).containsExactlyInAnyOrderElementsOf(safeguarding);

        Document grievances = page("team-leader", "/cases?category=GRIEVANCE&overdue=no");
        assertThat(grievances.select("#cases a").eachText()).isNotEmpty().doesNotContainAnyElementsOf(safeguarding);
        SignedIn.as("dsl").get("/cases?state=NOPE").then().statusCode(400);
    }

    @Test
    void eachActionOnTheCasePageGoesThroughItsFormAndOnTheAuditTrail() {
        String reference = fileReport("SAFEGUARDING_CONCERN", null);
        UUID caseId = CaseFixtures.escalationCase(reference).id;

        Document opened = page("dsl", "/cases/" + reference);
        assertThat(opened.getElementById("report-unavailable")).as("intake is not running in these tests").isNotNull();
        assertThat(opened.select("table caption").eachText()).anyMatch(caption -> caption.startsWith("Safeguarding chain")
                || caption.startsWith("Chain for the category"));
        assertThat(opened.select("table td").eachText()).contains("1 Now", "Designated Safeguarding Lead", "Riley Carrow");

        Response acknowledged = post("dsl", reference, "acknowledge");
        assertThat(acknowledged.statusCode()).isEqualTo(303);
        assertThat(acknowledged.header("Location")).endsWith("/cases/" + reference + "?done=acknowledged");
        assertThat(CaseFixtures.state(reference)).isEqualTo(CaseState.ACKNOWLEDGED);

        post("dsl", reference, "notes", "note", "Spoke to the team leader.").then().statusCode(303);
        assertThat(page("dsl", "/cases/" + reference).select(".note p").eachText()).containsExactly("Spoke to the team leader.");

        Response empty = post("dsl", reference, "close", "outcome", "  ");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(empty.asString()).select(".error-summary-list a").attr("href")).isEqualTo("#outcome");
        post("dsl", reference, "close", "outcome", "The post was taken down.").then().statusCode(303);
        assertThat(CaseFixtures.state(reference)).isEqualTo(CaseState.CLOSED);
        assertThat(page("dsl", "/cases/" + reference).getElementById("outcome").text()).isEqualTo("The post was taken down.");

        post("dsl", reference, "reopen").then().statusCode(303);
        assertThat(CaseFixtures.state(reference)).isEqualTo(CaseState.ACKNOWLEDGED);

        List<AuditEntry> trail = QuarkusTransaction.requiringNew().call(() -> AuditEntry.forCase(caseId));
        assertThat(trail).allSatisfy(entry -> {
            assertThat(entry.personId).isEqualTo("dsl");
            assertThat(entry.clientAddress).isNotBlank();
        });
        assertThat(trail.stream().map(entry -> entry.action)).contains(AuditEntry.Action.VIEWED_REPORT, AuditEntry.Action.ACKNOWLEDGED,
                AuditEntry.Action.ADDED_NOTE, AuditEntry.Action.CLOSED, AuditEntry.Action.REOPENED);

        assertThat(page("dsl", "/cases/" + reference).getElementById("audit")).as("only the Chief Executive sees the audit").isNull();
        assertThat(page("chief-executive", "/cases/" + reference).select("#audit td").eachText())
                .contains("Riley Carrow", "Acknowledged", "Added note", "Closed", "Reopened");
    }

    @Test
    void aFormWithoutItsCsrfTokenChangesNothing() {
        String reference = fileReport("SAFEGUARDING_CONCERN", null);

        SignedIn.as("dsl").contentType("application/x-www-form-urlencoded").formParam("note", "forged")
                .post("/cases/" + reference + "/notes").then().statusCode(400);
        SignedIn.as("dsl").redirects().follow(false).post("/cases/" + reference + "/acknowledge").then().statusCode(400);
        assertThat(page("dsl", "/cases/" + reference).select(".note")).isEmpty();
        assertThat(CaseFixtures.state(reference)).isEqualTo(CaseState.NOTIFIED);
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveAnAuditEntry() {
        String reference = fileReport("SAFEGUARDING_CONCERN", null);
        page("dsl", "/cases/" + reference);
        UUID caseId = CaseFixtures.escalationCase(reference).id;

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update audit_entry set person_id = 'someone-else' where case_id = :id").setParameter("id", caseId)
                .executeUpdate())).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from audit_entry where case_id = :id").setParameter("id", caseId)
                .executeUpdate())).hasStackTraceContaining("append-only");
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.forCase(caseId))).isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.personId).isEqualTo("dsl"));
    }
}
