package org.safereport.intake.fuzz;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.PolicyTestResource;
import org.safereport.intake.persistence.Report;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.fuzz.FuzzTally;
import org.safereport.testing.fuzz.HostileInput;
import org.safereport.testing.fuzz.PageCheck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.safereport.intake.fuzz.FuzzInputs.CSRF;
import static org.safereport.intake.fuzz.FuzzInputs.formPost;

/**
 * Script and HTML payloads in every text field, on every intake page that shows them: the form shown
 * again with its errors (what was typed), the confirmation, the status page with the outcome and role
 * that the escalation service sends back, and the status form with the reference typed. Each page is
 * parsed as a browser would: the payload must be text, never markup ({@link PageCheck}).
 * {@link ScriptPayloadBrowserTest} loads the same pages in a real browser.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class ScriptPayloadTest {

    private static final Pattern REFERENCE = Pattern.compile("id=\"reference\" class=\"reference\">(SM-[0-9A-Z]{4}-[0-9A-Z]{4})<");
    private static final Pattern CODE = Pattern.compile("id=\"receipt-code\">([0-9A-Z-]{19})<");

    /** The form's text fields that a payload can be typed into and that are shown again. */
    static final List<String> TEXT_FIELDS = List.of("description", "where.other", "links", "subject.name", "subject.email",
            "reporter.name", "reporter.email", "reporter.phone", "when.date", "when.time");

    @BeforeEach
    void policyIsKnown() {
        FuzzInputs.awaitPolicy();
    }

    @Test
    void payloadsAreTextOnEveryPageThatShowsThem() {
        long seed = HostileInput.seed();
        FuzzTally tally = new FuzzTally("script payloads on intake pages", seed);
        List<String[]> filed = new ArrayList<>();

        for (String payload : HostileInput.scripts()) {
            Map<String, String> typed = FuzzInputs.validForm();
            typed.remove("category");
            TEXT_FIELDS.forEach(field -> typed.put(field, payload));
            Response corrections = formPost(typed).post("/report");
            tally.check("form shown again with " + payload, corrections.statusCode(), () -> {
                FuzzInputs.assertCorrectionsPage(corrections);
                assertThat(PageCheck.showsAsText(corrections.asString(), payload)).as("typed payload shown back").isTrue();
            });

            Response confirmation = formPost(storedWith(payload)).post("/report");
            tally.check("confirmation of a report with " + payload, confirmation.statusCode(), () -> {
                assertThat(confirmation.statusCode()).isEqualTo(200);
                FuzzInputs.assertPage(confirmation, "<title>Report sent");
            });
            if (confirmation.statusCode() == 200) {
                filed.add(new String[]{payload, group(REFERENCE, confirmation.asString()), group(CODE, confirmation.asString())});
            }

            Response typedReference = given().queryParam("reference", payload).get("/status");
            tally.check("status form with the reference " + payload, typedReference.statusCode(), () -> {
                FuzzInputs.assertPage(typedReference, "<title>Check a report");
                assertThat(PageCheck.showsAsText(typedReference.asString(), payload)).isTrue();
            });
            Response notFound = lookUp(payload, payload);
            tally.check("status page not finding " + payload, notFound.statusCode(), () -> {
                assertThat(notFound.statusCode()).isEqualTo(404);
                FuzzInputs.assertPage(notFound, "<title>Error: Check a report");
            });
        }

        Instant at = Instant.now();
        for (String[] report : filed) {
            publishClosed(report[1], report[0], report[0], at);
        }
        for (String[] report : filed) {
            String payload = report[0];
            await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Receipt-Code", report[2])
                    .get("/api/v1/reports/" + report[1]).jsonPath().getString("status").equals("CLOSED"));
            Response status = lookUp(report[1], report[2]);
            tally.check("status page with the outcome and role " + payload, status.statusCode(), () -> {
                assertThat(status.statusCode()).isEqualTo(200);
                FuzzInputs.assertPage(status, "<title>Report " + report[1]);
                assertThat(PageCheck.showsAsText(status.asString(), payload)).as("outcome shown as text").isTrue();
            });
        }
        tally.finish();
    }

    /** A form the service accepts, with the payload in every text field that may hold it. */
    static Map<String, String> storedWith(String payload) {
        Map<String, String> form = FuzzInputs.validForm();
        form.put("description", "What was posted: " + payload);
        form.put("where.other", payload);
        form.put("links", "https://example.org/?q=" + payload.replace(" ", "%20"));
        form.put("subject.name", payload);
        form.put("reporter.name", payload);
        return form;
    }

    static Response lookUp(String reference, String code) {
        return given().cookie("csrf-token", CSRF).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("csrf-token", CSRF).formParam("reference", reference).formParam("receiptCode", code).post("/status");
    }

    /** What the escalation service sends when a case is closed: here with a payload as the role and the outcome. */
    static void publishClosed(String reference, String roleTitle, String outcome, Instant at) {
        String reportId = QuarkusTransaction.requiringNew().call(() -> Report.findByReference(reference).orElseThrow().id.toString());
        KafkaTopics.send("cases.status.v1", reportId, """
                {"eventId": "%s", "eventType": "case.status", "schemaVersion": 1, "occurredAt": "%s", "reportId": "%s",
                 "reference": "%s", "state": "CLOSED", "withRole": "CHIEF_EXECUTIVE", "withRoleTitle": %s, "respondBy": null,
                 "outcome": %s}
                """.formatted(UUID.randomUUID(), at, reportId, reference, HostileInput.jsonString(roleTitle), HostileInput.jsonString(outcome)));
    }

    static String group(Pattern pattern, String page) {
        Matcher matcher = pattern.matcher(page);
        return matcher.find() ? matcher.group(1) : "not found";
    }
}
