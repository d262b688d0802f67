package org.safereport.intake;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The form as a browser without JavaScript uses it: GET the page, POST it back with its CSRF token. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class ReportFormTest {

    private static final Pattern HIDDEN = Pattern.compile("name=\"(csrf-token|submissionId)\" value=\"([^\"]+)\"");

    @BeforeEach
    void policyIsKnown() {
        TestData.awaitPolicy();
    }

    /** The page's CSRF cookie and hidden fields, as the browser would send them back. */
    private static RequestSpecification postingFrom(String path) {
        ExtractableResponse<Response> page = given().get(path).then().statusCode(200).extract();
        RequestSpecification request = given().cookie("csrf-token", page.cookie("csrf-token"));
        Matcher hidden = HIDDEN.matcher(page.asString());
        while (hidden.find()) {
            request.multiPart(hidden.group(1), hidden.group(2));
        }
        return request;
    }

    @Test
    void pageOffersThePolicysCategoriesWithTheirHints() {
        given().get("/").then().statusCode(200).contentType("text/html")
                .body(containsString("A resident made social or inappropriate contact with me"))
                .body(containsString("For example a friend request, a message or a comment from a young person we house."))
                .body(containsString("I feel an unfair decision was made or malpractice is happening"))
                .body(containsString("name=\"csrf-token\""));
    }

    @Test
    void errorsAreShownNextToTheirFieldsAndWhatWasTypedIsKept() {
        String page = postingFrom("/report")
                .multiPart("description", "short")
                .multiPart("reporter.email", "not an email")
                .multiPart("reporter.name", "Alex <Example>")
                .post("/report")
                .then().statusCode(400).extract().asString();
        assertThat(page).contains("There is a problem", "href=\"#category-RESIDENT_CONTACT\"", "href=\"#description\"",
                "href=\"#reporter-email\"", "id=\"description-error\"", "must be between 10 and 10,000 characters",
                "value=\"not an email\"", "Alex &lt;Example&gt;", ">short</textarea>");
    }

    @Test
    void sentFormShowsReferenceReceiptCodeGuidanceRoleAndDeadline() {
        String page = postingFrom("/report")
                .multiPart("category", "UNINTENDED_CONTACT")
                .multiPart("description", "I replied to a resident's story by mistake from my own account.")
                .multiPart("where.platform", "INSTAGRAM")
                .multiPart("reporter.name", "Sam Example")
                .multiPart("reporter.email", "sam.example@example.org")
                .multiPart("evidence", "story.png", TestData.png(null), "image/png")
                .post("/report")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().asString();
        assertThat(page).contains("Report sent", "Make no further contact. The Chief Executive will advise you.",
                "the Chief Executive", "4 hours");
        assertThat(page).containsPattern("id=\"reference\" class=\"reference\">SM-[0-9A-Z]{4}-[0-9A-Z]{4}<");
        assertThat(page).containsPattern("id=\"receipt-code\">[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}<");
    }

    @Test
    void statusPageOfAReportIsNeverStored() {
        String[] filed = TestData.file(TestData.report("GRIEVANCE", "I feel my leave request was handled unfairly."));
        postingFrom("/status")
                .multiPart("reference", filed[0])
                .multiPart("receiptCode", filed[1])
                .post("/status")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body(containsString(filed[0]));
    }

    @Test
    void sendingTheSamePageTwiceFilesOneReport() {
        RequestSpecification request = postingFrom("/report")
                .multiPart("category", "GRIEVANCE")
                .multiPart("description", "I feel the rota decision last week was unfair to night staff.")
                .multiPart("anonymous", "yes")
                .multiPart("reporter.name", "Kept Out");
        String first = request.post("/report").then().statusCode(200).extract().asString();
        String second = request.post("/report").then().statusCode(200).extract().asString();
        assertThat(reference(second)).isEqualTo(reference(first));
    }

    @Test
    void formWithoutItsCsrfTokenIsRefused() {
        given().multiPart("category", "GRIEVANCE").multiPart("description", "A forged post from another site.")
                .post("/report").then().statusCode(400).body(not(containsString("Report sent")));
    }

    @Test
    void filledHoneypotIsNotAccepted() {
        postingFrom("/report")
                .multiPart("category", "GRIEVANCE")
                .multiPart("description", "Buy cheap followers at our wonderful site today.")
                .multiPart("website", "http://spam.example.org")
                .post("/report")
                .then().statusCode(400).body(containsString("We could not accept this form")).body(not(containsString("Report sent")));
    }

    @Test
    void pagesCarryStrictSecurityHeaders() {
        given().get("/report").then()
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
        given().get("/css/safereport.css").then().statusCode(200).contentType(containsString("text/css"));
        String page = given().get("/report").asString();
        assertThat(page).doesNotContain("<script", "style=\"", "<style").doesNotContainPattern("(src|href)=\"(https?:)?//");
    }

    private static String reference(String page) {
        Matcher matcher = Pattern.compile("SM-[0-9A-Z]{4}-[0-9A-Z]{4}").matcher(page);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }
}
