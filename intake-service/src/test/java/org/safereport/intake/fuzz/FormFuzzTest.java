package org.safereport.intake.fuzz;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.PolicyTestResource;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.Soak;
import org.safereport.testing.fuzz.FuzzTally;
import org.safereport.testing.fuzz.HostileInput;
import org.safereport.testing.fuzz.PageCheck;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.safereport.intake.fuzz.FuzzInputs.CSRF;
import static org.safereport.intake.fuzz.FuzzInputs.assertCorrectionsPage;
import static org.safereport.intake.fuzz.FuzzInputs.assertCsrfRefusal;
import static org.safereport.intake.fuzz.FuzzInputs.assertPage;
import static org.safereport.intake.fuzz.FuzzInputs.assertProblem;
import static org.safereport.intake.fuzz.FuzzInputs.formPost;
import static org.safereport.intake.fuzz.FuzzInputs.part;

/**
 * The report form's {@code POST /report} (multipart, as the page sends it): every field in turn set to
 * every hostile value, fields missing, duplicated, huge or in another charset, the CSRF token missing,
 * forged or mismatched, the form sent urlencoded, and seeded random forms. The answer is the confirmation,
 * the form again with its errors (400), or a refusal; never a server error, never a payload as markup, and
 * a refused CSRF token files nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class FormFuzzTest {

    private static final int RANDOM_FORMS = Soak.scaled(60, 70_000);
    private static final String BOUNDARY = "fuzz-boundary-7MA4";

    @BeforeEach
    void policyIsKnown() {
        FuzzInputs.awaitPolicy();
    }

    @Test
    void everyBadFormIsShownAgainOrRefusedNeverAServerError() {
        long seed = HostileInput.seed();
        FuzzTally tally = new FuzzTally("report form", seed);
        HostileInput.Mutator mutator = HostileInput.mutator(seed);
        Random random = mutator.random();

        for (String field : FuzzInputs.FORM_FIELDS) {
            for (String value : FuzzInputs.FORM_TEXT_FIELDS.contains(field) ? HostileInput.strings() : HostileInput.someStrings()) {
                Map<String, String> form = FuzzInputs.validForm();
                form.put(field, value);
                Response response = formPost(form).post("/report");
                tally.check(field + " = " + HostileInput.describe(value), response.statusCode(), () -> assertFormAnswer(response));
            }
            Map<String, String> without = FuzzInputs.validForm();
            without.remove(field);
            Response missing = formPost(without).post("/report");
            tally.check(field + " missing", missing.statusCode(), () -> assertFormAnswer(missing));

            RequestSpecification twice = formPost(FuzzInputs.validForm());
            part(twice, field, mutator.pick(HostileInput.strings()));
            Response duplicated = twice.post("/report");
            tally.check(field + " twice", duplicated.statusCode(), () -> assertFormAnswer(duplicated));
        }

        for (String charset : List.of("ISO-8859-1", "UTF-16", "windows-1252", "bogus", "")) {
            byte[] text = "caf\u00e9 \u2013 na\u00efve \ud83d\ude00 r\u00e9sum\u00e9 of what happened"
                    .getBytes(charset.isEmpty() || !Charset.isSupported(charset) ? StandardCharsets.UTF_8 : Charset.forName(charset));
            Response response = given().cookie("csrf-token", CSRF).contentType("multipart/form-data; boundary=" + BOUNDARY)
                    .body(multipart(FuzzInputs.validForm(), "description", "text/plain" + (charset.isEmpty() ? "" : "; charset=" + charset), text))
                    .post("/report");
            tally.check("description in charset " + charset, response.statusCode(), () -> {
                if (charset.equals("bogus")) {
                    // The framework cannot decode the part: the body is refused as unreadable, as the API's would be.
                    FuzzInputs.assertProblemNames(response, "body");
                } else {
                    assertFormAnswer(response);
                }
            });
        }

        Map<String, String> huge = FuzzInputs.validForm();
        huge.put("description", "x".repeat(200_000));
        Response tooLarge = formPost(huge).post("/report");
        tally.check("description of 200,000 characters", tooLarge.statusCode(), () -> {
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertProblem(tooLarge);
        });

        csrf(tally, random);

        List<String> names = new ArrayList<>(FuzzInputs.FORM_FIELDS);
        names.add("csrf-token");
        names.add("evidence");
        for (int i = 0; i < RANDOM_FORMS; i++) {
            Map<String, String> form = new LinkedHashMap<>();
            for (int p = random.nextInt(10); p > 0; p--) {
                String name = mutator.pick(names);
                String sent = random.nextInt(5) == 0 ? mutator.mutate(name) : name;
                form.put(asBrowsersSendIt(sent), mutator.mutate(FuzzInputs.validForm().getOrDefault(name, "yes")));
            }
            Response response = formPost(form).post("/report");
            tally.check("random form " + i + " " + HostileInput.describe(form.toString()), response.statusCode(), () -> {
                if (response.statusCode() == 413) {
                    assertProblem(response); // a field over quarkus.http.limits.max-form-attribute-size, as above
                } else if (response.statusCode() != 400 || !response.asString().isEmpty()) {
                    assertFormAnswer(response);
                }
            });
        }
        tally.finish();
    }

    /**
     * A part name as a browser writes it into multipart/form-data (HTML's "escape a multipart/form-data name":
     * line breaks and quotes percent-encoded), so that it cannot end the part's header line; a name the client
     * cannot send (blank) becomes "unnamed". Found by the soak: a raw CR in a name breaks the whole body.
     */
    private static String asBrowsersSendIt(String name) {
        String escaped = name.replace("\r", "%0D").replace("\n", "%0A").replace("\"", "%22");
        return escaped.isBlank() ? "unnamed" : escaped;
    }

    /** A form as raw multipart bytes (with its CSRF field), the field {@code name} replaced by {@code value} of type {@code type}. */
    private static byte[] multipart(Map<String, String> fields, String name, String type, byte[] value) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.put("csrf-token", CSRF);
        fields.remove(name);
        fields.forEach((field, text) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: " + type
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(value);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** The confirmation, or the form again with its errors: HTML, payloads as text. */
    private static void assertFormAnswer(Response response) {
        if (response.statusCode() == 200) {
            assertPage(response, "<title>Report sent");
        } else if (response.statusCode() == 422) {
            // A form id sent again with other answers: a fresh form says so.
            assertPage(response, "<title>Error: Report a social media concern");
        } else {
            assertThat(response.statusCode()).isEqualTo(400);
            assertCorrectionsPage(response);
        }
    }

    /**
     * The double-submit CSRF check: a token missing from the cookie or the form, two that differ, one that
     * is not 16 random bytes, or a duplicated field is refused (400, no body, as the filter answers today)
     * and files nothing; the form sent urlencoded is refused too. The token in the X-CSRF-TOKEN header
     * instead of the form field is accepted, as the filter implements it.
     */
    private static void csrf(FuzzTally tally, Random random) {
        String other = "b3RoZXItdG9rZW4tMTIzNA";
        long before = FuzzInputs.reportCount();
        for (FuzzInputs.CsrfTokens token : FuzzInputs.refusedCsrfTokens()) {
            RequestSpecification request = given();
            if (token.cookie() != null) {
                request.cookie("csrf-token", token.cookie());
            }
            if (token.sent() != null) {
                part(request, "csrf-token", token.sent());
            }
            FuzzInputs.validForm().forEach((name, value) -> part(request, name, value));
            Response response = request.post("/report");
            tally.check("CSRF " + token.label(), response.statusCode(), () -> assertCsrfRefusal(response));
        }
        for (boolean withToken : new boolean[]{true, false}) {
            RequestSpecification request = withToken ? given().cookie("csrf-token", CSRF).formParam("csrf-token", CSRF) : given();
            FuzzInputs.validForm().forEach(request::formParam);
            Response response = request.post("/report");
            tally.check("form urlencoded, " + (withToken ? "with" : "without") + " its token", response.statusCode(), () -> {
                assertThat(response.statusCode()).isIn(400, 415);
                if (response.statusCode() == 415) {
                    assertProblem(response);
                }
            });
        }
        tally.verify("reports filed with a refused CSRF token", () -> {
            assertThat(FuzzInputs.reportCount()).as("reports filed").isEqualTo(before);
        });

        for (String[] order : new String[][]{{other, CSRF}, {CSRF, other}}) {
            RequestSpecification request = given().cookie("csrf-token", CSRF);
            part(request, "csrf-token", order[0]);
            part(request, "csrf-token", order[1]);
            FuzzInputs.validForm().forEach((name, value) -> part(request, name, value));
            long filed = FuzzInputs.reportCount();
            Response response = request.post("/report");
            tally.check("CSRF field twice, the right one " + (order[0].equals(CSRF) ? "first" : "second"), response.statusCode(), () -> {
                if (response.statusCode() != 200) {
                    assertCsrfRefusal(response);
                    assertThat(FuzzInputs.reportCount()).as("reports filed").isEqualTo(filed);
                }
            });
        }
        RequestSpecification inHeader = given().cookie("csrf-token", CSRF).header("X-CSRF-TOKEN", CSRF);
        FuzzInputs.validForm().forEach((name, value) -> part(inHeader, name, value));
        Response accepted = inHeader.post("/report");
        tally.check("CSRF token in the X-CSRF-TOKEN header", accepted.statusCode(), () -> {
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(PageCheck.injected(accepted.asString())).isEmpty();
        });
    }
}
