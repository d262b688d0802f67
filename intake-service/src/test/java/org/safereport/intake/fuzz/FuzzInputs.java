package org.safereport.intake.fuzz;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.safereport.intake.TestData;
import org.safereport.intake.persistence.Report;
import org.safereport.testing.fuzz.HostileInput;
import org.safereport.testing.fuzz.PageCheck;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the intake fuzz tests send and how they judge the answers: a valid report as JSON and as the form
 * posts it, each with one field replaced by a hostile value; evidence files; and the invariants (problem
 * bodies naming the field for the API, the form page or a refusal for the pages, payloads only as text).
 */
final class FuzzInputs {

    /** 16 bytes, base64url: what a browser's CSRF cookie and hidden field (or X-CSRF-TOKEN header) carry. */
    static final String CSRF = "aW50YWtlLWFwaS10ZXN0IQ";
    static final String PROBLEM_JSON = "application/problem+json";

    /** The JSON report's fields as problem bodies name them, plus one the API does not know. */
    static final List<String> JSON_FIELDS = List.of("category", "description", "when", "when.date", "when.time", "where",
            "where.platform", "where.other", "links", "links[0]", "subject", "subject.name", "subject.email",
            "youngPersonAtRisk", "reporter", "reporter.name", "reporter.email", "reporter.phone", "anonymous",
            "emailReceipt", "unknownField");

    /** The JSON fields that take free text: each gets every hostile string, the others a few. */
    static final List<String> JSON_TEXT_FIELDS = List.of("category", "description", "where.other", "links[0]", "subject.name",
            "subject.email", "reporter.name", "reporter.email", "reporter.phone");

    /** The form's fields that take free text (or a date or time typed in). */
    static final List<String> FORM_TEXT_FIELDS = List.of("description", "when.date", "when.time", "where.other", "links",
            "subject.name", "subject.email", "reporter.name", "reporter.email", "reporter.phone");

    /** The form's fields as it posts them (the CSRF token apart). */
    static final List<String> FORM_FIELDS = List.of("category", "description", "when.date", "when.time", "where.platform",
            "where.other", "links", "subject.name", "subject.email", "youngPersonAtRisk", "reporter.name",
            "reporter.email", "reporter.phone", "anonymous", "emailReceipt", "submissionId", "website");

    private FuzzInputs() {
    }

    /**
     * Values the JSON reader gives up on before it knows which field it is in (a number of over 1,000
     * digits, nesting over 1,000 deep): their problem names the {@code body}.
     */
    static final List<String> UNREADABLE_JSON = List.of("9".repeat(1_001), "{\"a\":".repeat(1_100) + "1" + "}".repeat(1_100));

    /**
     * JSON values of the wrong type, shape or size, and hostile strings: all of {@link HostileInput#strings()}
     * for a free-text field, {@link HostileInput#someStrings()} for the others.
     */
    static List<String> jsonValues(String field) {
        List<String> values = new ArrayList<>(List.of("null", "true", "false", "0", "-1", "1.5", "1e309", UNREADABLE_JSON.get(0),
                "[]", "[null]", "[1, \"two\", {}]", "{}", "{\"a\": {\"b\": 1}}", "[".repeat(900) + "]".repeat(900),
                UNREADABLE_JSON.get(1), "\"instagram\"", "\"OTHER\"", "\"2026-02-30\"",
                "\"25:99\"", "\"+999999999-12-31\"", "\"-999999999-01-01\"", "\"0000-01-01\"", "\"23:59:59.999999999\""));
        (JSON_TEXT_FIELDS.contains(field) ? HostileInput.strings() : HostileInput.someStrings()).stream()
                .map(HostileInput::jsonString).forEach(values::add);
        return values;
    }

    /** A report the API accepts with every field filled in, so that each can be broken alone; as nested maps of JSON fragments. */
    static Map<String, Object> validReport() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("category", "\"GRIEVANCE\"");
        report.put("description", "\"The rota decision last week seemed unfair to the night staff.\"");
        report.put("when", fields("date", "\"" + LocalDate.now().minusDays(3) + "\"", "time", "\"21:15\""));
        report.put("where", fields("platform", "\"OTHER\"", "other", "\"a staff forum\""));
        report.put("links", new ArrayList<>(List.of("\"https://example.org/post/1\"")));
        report.put("subject", fields("name", "\"Jamie Example\"", "email", "\"jamie.example@example.org\""));
        report.put("youngPersonAtRisk", "false");
        report.put("reporter", fields("name", "\"Alex Example\"", "email", "\"alex.example@example.org\"",
                "phone", "\"+447700900123\""));
        report.put("anonymous", "false");
        report.put("emailReceipt", "false");
        return report;
    }

    /** An object's fields in the order given, so that a seed always mutates the same bytes. */
    private static Map<String, Object> fields(String... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** The valid report with the field at {@code path} ({@code reporter.email}, {@code links[0]}) set to the JSON fragment {@code value}. */
    @SuppressWarnings("unchecked")
    static String reportWith(String path, String value) {
        Map<String, Object> report = validReport();
        String[] names = path.split("\\.");
        Map<String, Object> parent = report;
        for (int i = 0; i < names.length - 1; i++) {
            parent = (Map<String, Object>) parent.get(names[i]);
        }
        String last = names[names.length - 1];
        if (last.endsWith("[0]")) {
            ((List<Object>) parent.get(last.substring(0, last.length() - 3))).set(0, value);
        } else {
            parent.put(last, value);
        }
        return json(report);
    }

    static String validReportJson() {
        return json(validReport());
    }

    @SuppressWarnings("unchecked")
    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder json = new StringBuilder("{");
            ((Map<String, Object>) map).forEach((key, field) -> json.append(json.length() > 1 ? ", " : "")
                    .append('"').append(key).append("\": ").append(json(field)));
            return json.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(FuzzInputs::json).toList()) + "]";
        }
        return (String) value;
    }

    /** The valid report as the form posts it, one value a field, with a form id of its own. */
    static Map<String, String> validForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("category", "GRIEVANCE");
        form.put("description", "The rota decision last week seemed unfair to the night staff.");
        form.put("when.date", LocalDate.now().minusDays(3).toString());
        form.put("when.time", "21:15");
        form.put("where.platform", "OTHER");
        form.put("where.other", "a staff forum");
        form.put("links", "https://example.org/post/1\r\nhttps://example.org/post/2");
        form.put("subject.name", "Jamie Example");
        form.put("subject.email", "jamie.example@example.org");
        form.put("youngPersonAtRisk", "yes");
        form.put("reporter.name", "Alex Example");
        form.put("reporter.email", "alex.example@example.org");
        form.put("reporter.phone", "+447700900123");
        // Not from the seed: each input files its own report, whatever other tests or runs sent before.
        form.put("submissionId", UUID.randomUUID().toString());
        return form;
    }

    /** A text part in UTF-8, as browsers send a form. */
    static RequestSpecification part(RequestSpecification request, String name, String value) {
        return request.multiPart(new MultiPartSpecBuilder(value).controlName(name).mimeType("text/plain")
                .charset(StandardCharsets.UTF_8).build());
    }

    /** A form post with a matching CSRF cookie and field, and these fields. */
    static RequestSpecification formPost(Map<String, String> fields) {
        RequestSpecification request = given().cookie("csrf-token", CSRF);
        part(request, "csrf-token", CSRF);
        fields.forEach((name, value) -> part(request, name, value));
        return request;
    }

    /** A multipart API request with the CSRF token in cookie and header. */
    static RequestSpecification apiMultipart() {
        return given().cookie("csrf-token", CSRF).header("X-CSRF-TOKEN", CSRF);
    }

    /** A CSRF cookie and the token sent with it (null: not sent), which the double-submit check must refuse. */
    record CsrfTokens(String label, String cookie, String sent) {
    }

    /** Tokens missing from the cookie or the request, two that differ, one tampered, one not 16 random bytes. */
    static List<CsrfTokens> refusedCsrfTokens() {
        String other = "b3RoZXItdG9rZW4tMTIzNA";
        List<CsrfTokens> refused = new ArrayList<>(List.of(
                new CsrfTokens("no cookie, no token", null, null),
                new CsrfTokens("cookie only", CSRF, null),
                new CsrfTokens("token only", null, CSRF),
                new CsrfTokens("cookie and token differ", CSRF, other),
                new CsrfTokens("cookie tampered", CSRF.substring(0, 10) + "A" + CSRF.substring(11), CSRF),
                new CsrfTokens("short token", "abc", "abc"),
                new CsrfTokens("long token", "QUFB".repeat(250), "QUFB".repeat(250)),
                new CsrfTokens("not base64", "!!!!!!!!!!!!!!!!!!!!!!", "!!!!!!!!!!!!!!!!!!!!!!"),
                new CsrfTokens("empty token", "", "")));
        for (String hostile : HostileInput.strings()) {
            // What a cookie can carry at all.
            if (hostile.length() < 2_000 && hostile.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';' && c != ',' && c != '"' && c != '\\')) {
                refused.add(new CsrfTokens("token " + HostileInput.describe(hostile), hostile, hostile));
            }
        }
        return refused;
    }

    static long reportCount() {
        return QuarkusTransaction.requiringNew().call(() -> Report.count());
    }

    /** The JSON API's invariant for an answer that is not 2xx: a problem body; for 400 and 422 naming at least one field. */
    static List<String> assertProblem(Response response) {
        int status = response.statusCode();
        assertThat(status).as("status").isBetween(400, 499);
        assertThat(response.contentType()).as("content type").startsWith(PROBLEM_JSON);
        assertThat(response.jsonPath().getInt("status")).as("problem status").isEqualTo(status);
        assertThat(response.jsonPath().getString("title")).as("problem title").isNotBlank();
        List<String> fields = response.jsonPath().getList("errors.field", String.class);
        if (status == 400 || status == 422) {
            assertThat(fields).as("fields named by the problem: %s", response.asString()).isNotNull().isNotEmpty();
        }
        return fields == null ? List.of() : fields;
    }

    /** A problem naming one of {@code fields}, or a field beside it (where.other for where.platform), or inside it. */
    static void assertProblemNames(Response response, String... fields) {
        List<String> named = assertProblem(response);
        if (response.statusCode() == 400) {
            List<String> tops = java.util.Arrays.stream(fields).map(FuzzInputs::topLevel).toList();
            assertThat(named).as("fields named by %s", response.asString()).anyMatch(field -> tops.contains(topLevel(field)));
        }
    }

    private static String topLevel(String field) {
        return field.replaceAll("[.\\[].*", "");
    }

    /**
     * A page's invariant: HTML, and no payload turned into markup. {@code kinds} are the pages it may be,
     * by their title: "Report sent", "Report a social media concern" (the form, with its errors), ...
     */
    static void assertPage(Response response, String... titles) {
        assertThat(response.contentType()).as("content type").startsWith("text/html");
        String html = response.asString();
        assertThat(PageCheck.injected(html)).as("payloads turned into markup").isEmpty();
        assertThat(html).as("page title").containsAnyOf(titles);
    }

    /** The form page with its error summary: what a person sees when something needs correcting. */
    static void assertCorrectionsPage(Response response) {
        assertPage(response, "<title>Error: Report a social media concern");
        assertThat(response.asString()).contains("There is a problem");
    }

    /** The CSRF filter's refusal, as it answers today: 400 with no body, and nothing filed. */
    static void assertCsrfRefusal(Response response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.asString()).doesNotContain("Report sent");
    }

    static void awaitPolicy() {
        TestData.awaitPolicy();
    }
}
