package org.safereport.intake.fuzz;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.PolicyTestResource;
import org.safereport.intake.TestData;
import org.safereport.intake.domain.ReceiptCode;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.Soak;
import org.safereport.testing.fuzz.FuzzTally;
import org.safereport.testing.fuzz.HostileInput;
import org.safereport.testing.fuzz.PageCheck;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.safereport.intake.fuzz.FuzzInputs.assertPage;
import static org.safereport.intake.fuzz.FuzzInputs.assertProblem;

/**
 * The status look-up, as a page ({@code GET} and {@code POST /status}) and on the API
 * ({@code GET /api/v1/reports/{reference}} with {@code Receipt-Code}): malformed references and codes,
 * injection attempts, very long values, look-alikes of a real reference and code, and seeded mutations
 * of them. Only the real pair (as a person might type it) finds the report; everything else is the same
 * 404 (the page: "we could not find" in HTML; the API: problem+json), never a server error, and whatever
 * was typed is shown back as text.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class StatusFuzzTest {

    private static final int MUTATIONS = Soak.scaled(80, 15_000);
    /** quarkus.http.limits.max-form-attribute-size. */
    private static final int FORM_ATTRIBUTE_LIMIT = 128 * 1024;

    @BeforeEach
    void policyIsKnown() {
        FuzzInputs.awaitPolicy();
    }

    @Test
    void onlyTheRealReferenceAndCodeFindAReport() {
        long seed = HostileInput.seed();
        FuzzTally tally = new FuzzTally("status look-up", seed);
        HostileInput.Mutator mutator = HostileInput.mutator(seed);
        String[] filed = TestData.file(FuzzInputs.validReportJson());
        String reference = filed[0];
        String code = filed[1];

        List<String> references = new ArrayList<>(HostileInput.strings());
        references.addAll(List.of(reference.toLowerCase(Locale.ROOT), " " + reference + " ", reference + "'--", reference + "%",
                reference.replace('-', '_'), reference.substring(0, 11), reference + "0", "SM-____-____", "SM-%-%",
                reference + "\u0000", reference + "/../..", reference.replace("SM", "\uff33\uff2d")));
        List<String> codes = new ArrayList<>(List.of(code, code.toLowerCase(Locale.ROOT), code.replace("-", " "), code.replace("0", "O"),
                code.replace("1", "l"), code.substring(1), code + "X", "", "' OR '1'='1", "x".repeat(10_000)));

        for (String candidate : references) {
            lookUp(tally, candidate, code, filed);
        }
        for (String candidate : codes) {
            lookUp(tally, reference, candidate, filed);
        }
        for (String candidate : HostileInput.strings()) {
            lookUp(tally, reference, candidate, filed);
        }
        for (int i = 0; i < MUTATIONS; i++) {
            lookUp(tally, i % 2 == 0 ? mutator.mutate(reference) : reference, i % 2 == 1 ? mutator.mutate(code) : code, filed);
        }
        for (String candidate : HostileInput.strings()) {
            if (candidate.length() > 2_000) {
                continue;
            }
            Response page = given().queryParam("reference", candidate).get("/status");
            tally.check("GET /status?reference=" + HostileInput.describe(candidate), page.statusCode(), () -> {
                assertThat(page.statusCode()).isEqualTo(200);
                assertPage(page, "<title>Check a report");
                if (HostileInput.scripts().contains(candidate)) {
                    assertThat(PageCheck.showsAsText(page.asString(), candidate)).as("shown back as typed").isTrue();
                }
            });
        }
        Response noCsrf = given().formParam("reference", reference).formParam("receiptCode", code).post("/status");
        tally.check("POST /status without its CSRF token", noCsrf.statusCode(), () -> {
            assertThat(noCsrf.statusCode()).isEqualTo(400);
            assertThat(noCsrf.asString()).doesNotContain(reference);
        });
        Response noCode = given().get("/api/v1/reports/" + reference);
        tally.check("API without Receipt-Code", noCode.statusCode(), () -> {
            assertThat(noCode.statusCode()).isEqualTo(404);
            assertProblem(noCode);
        });
        tally.finish();
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String cut(String value, int length) {
        return value.length() > length ? value.substring(0, length) : value;
    }

    /** Whether the service should take {@code reference} and {@code code} for the report filed as {@code filed}. */
    private static boolean findsReport(String reference, String code, String[] filed) {
        return reference.trim().toUpperCase(Locale.ROOT).equals(filed[0]) && ReceiptCode.normalise(code).equals(ReceiptCode.normalise(filed[1]));
    }

    private static void lookUp(FuzzTally tally, String reference, String code, String[] filed) {
        String what = HostileInput.describe(reference) + " / " + HostileInput.describe(code);
        boolean real = findsReport(reference, code, filed);
        Response page = ScriptPayloadTest.lookUp(reference, code);
        tally.check("page " + what, page.statusCode(), () -> {
            if (real) {
                assertThat(page.statusCode()).isEqualTo(200);
                assertPage(page, "<title>Report SM-");
            } else if (page.statusCode() == 413) {
                // A field over quarkus.http.limits.max-form-attribute-size is refused before the page sees it, as on
                // the report form.
                assertThat(Math.max(utf8Length(reference), utf8Length(code))).isGreaterThan(FORM_ATTRIBUTE_LIMIT);
                assertProblem(page);
            } else {
                assertThat(page.statusCode()).isEqualTo(404);
                assertPage(page, "<title>Error: Check a report");
                assertThat(page.asString()).contains("We could not find a report with that reference and receipt code");
            }
        });

        // A header cannot carry a line break or NUL, and the HTTP server trims spaces and tabs around its value.
        // Values far over the HTTP server's limits (4 KB request line, 8 KB header) are cut to just over them:
        // the server refuses them unread, and a much longer one may be cut off while it is still being sent.
        String header = cut(code.replaceAll("[\\r\\n\\u0000]", "").replaceAll("^[ \\t]+|[ \\t]+$", ""), 8_500);
        boolean realOnApi = findsReport(reference, header, filed);
        String path = cut(URLEncoder.encode(reference, StandardCharsets.UTF_8).replace("+", "%20"), 4_500).replaceAll("%.?$", "");
        Response api = given().urlEncodingEnabled(false).header("Receipt-Code", header).get("/api/v1/reports/" + path);
        tally.check("API " + what, api.statusCode(), () -> {
            if (realOnApi) {
                assertThat(api.statusCode()).isEqualTo(200);
                assertThat(api.jsonPath().getString("reference")).isEqualTo(filed[0]);
            } else if (api.statusCode() == 414 || api.statusCode() == 431) {
                // A request line or header over the HTTP server's limits (4 and 8 KB) is refused before any resource
                // sees it, without a body.
                assertThat(path.length() + header.length()).isGreaterThan(4_000);
            } else if (path.isEmpty()) {
                // No reference: the address of the collection, which only takes POST.
                assertThat(api.statusCode()).isEqualTo(405);
                assertProblem(api);
            } else {
                assertThat(api.statusCode()).isEqualTo(404);
                assertProblem(api);
            }
        });
    }
}
