package org.safereport.intake.fuzz;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.PolicyTestResource;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.Soak;
import org.safereport.testing.fuzz.FuzzTally;
import org.safereport.testing.fuzz.HostileInput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.safereport.intake.fuzz.FuzzInputs.assertProblem;
import static org.safereport.intake.fuzz.FuzzInputs.assertProblemNames;

/**
 * {@code POST /api/v1/reports} with JSON: every field of a valid report set in turn to every hostile
 * value (wrong types, nulls, deep nesting, huge and odd strings, unknown categories); broken JSON; other
 * content types and charsets; Idempotency-Keys; and seeded mutations of a valid body. Whatever comes in,
 * the answer is 201, or a 4xx problem+json that, for a 400 or 422, names the field.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class JsonApiFuzzTest {

    private static final String API = "/api/v1/reports";
    private static final int MUTATIONS = Soak.scaled(120, 10_000);

    @BeforeEach
    void policyIsKnown() {
        FuzzInputs.awaitPolicy();
    }

    @Test
    void everyBadReportIsAProblemNamingItsField() {
        long seed = HostileInput.seed();
        FuzzTally tally = new FuzzTally("JSON API", seed);
        HostileInput.Mutator mutator = HostileInput.mutator(seed);

        for (String field : FuzzInputs.JSON_FIELDS) {
            for (String value : FuzzInputs.jsonValues(field)) {
                String body = FuzzInputs.reportWith(field, value);
                Response response = post("application/json", body.getBytes(StandardCharsets.UTF_8));
                tally.check(field + " = " + HostileInput.describe(value), response.statusCode(), () -> {
                    if (response.statusCode() != 201) {
                        if (FuzzInputs.UNREADABLE_JSON.contains(value)) {
                            assertProblemNames(response, field, "body");
                        } else {
                            assertProblemNames(response, field);
                        }
                    }
                });
            }
        }

        for (byte[] body : brokenBodies()) {
            Response response = post("application/json", body);
            tally.check("body " + HostileInput.describe(new String(body, StandardCharsets.ISO_8859_1)), response.statusCode(), () -> {
                // The JSON reader forgives some: a byte order mark, some invalid UTF-8, an object cut after its last field.
                if (response.statusCode() != 201) {
                    assertProblem(response);
                }
            });
        }

        byte[] valid = FuzzInputs.validReportJson().getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("text/plain", "application/xml", "application/json; charset=UTF-16",
                "application/json; charset=bogus", "application/json; charset=\"", "application/vnd.api+json", "*/*", "application/json, text/html")) {
            Response response = post(type, valid);
            tally.check("Content-Type " + type, response.statusCode(), () -> {
                if (response.statusCode() != 201) {
                    assertProblem(response);
                }
            });
        }
        Response utf16 = post("application/json; charset=UTF-16", FuzzInputs.validReportJson().getBytes(StandardCharsets.UTF_16));
        tally.check("UTF-16 body", utf16.statusCode(), () -> {
            if (utf16.statusCode() != 201) {
                assertProblem(utf16);
            }
        });

        idempotencyKeys(tally, mutator.random());

        String validText = FuzzInputs.validReportJson();
        for (int i = 0; i < MUTATIONS; i++) {
            String body = mutator.mutate(validText);
            Response response = post("application/json", body.getBytes(StandardCharsets.UTF_8));
            tally.check("mutation " + i + " " + HostileInput.describe(body), response.statusCode(), () -> {
                if (response.statusCode() != 201) {
                    assertProblem(response);
                }
            });
        }
        tally.finish();
    }

    private static Response post(String contentType, byte[] body) {
        return given().contentType(contentType).body(body).post(API);
    }

    /** Bodies that are not JSON, or not one JSON object, or not readable text. */
    private static List<byte[]> brokenBodies() {
        String valid = FuzzInputs.validReportJson();
        List<String> texts = new ArrayList<>();
        for (int end = 0; end < valid.length(); end += 9) {
            texts.add(valid.substring(0, end));
        }
        texts.addAll(List.of("", " ", "null", "[]", "\"report\"", "1", "true", "{", "}", "{}", "{\"category\"}",
                "{\"category\": }", "{\"category\": \"GRIEVANCE\",}", "{'category': 'GRIEVANCE'}", "{category: \"GRIEVANCE\"}",
                "{\"category\": NaN}", "/* comment */ " + valid, valid + " trailing", valid + valid, "\ufeff" + valid,
                "{\"description\": \"" + "\u00e9".repeat(3_000_000) + "\"}", "[".repeat(100_000), "{\"a\":".repeat(100_000),
                "{\"category\": \"GRIEVANCE\", \"category\": \"MEDIA_ENQUIRY\"}"));
        StringBuilder manyFields = new StringBuilder("{");
        for (int i = 0; i < 5_000; i++) {
            manyFields.append("\"field").append(i).append("\": ").append(i).append(", ");
        }
        texts.add(manyFields.append("\"category\": \"GRIEVANCE\"}").toString());
        List<byte[]> bodies = new ArrayList<>(texts.stream().map(text -> text.getBytes(StandardCharsets.UTF_8)).toList());
        byte[][] badUtf8 = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}};
        for (byte[] bad : badUtf8) {
            byte[] start = "{\"category\": \"GRIEVANCE\", \"description\": \"A long enough description ".getBytes(StandardCharsets.US_ASCII);
            byte[] end = "\"}".getBytes(StandardCharsets.US_ASCII);
            byte[] body = new byte[start.length + bad.length + end.length];
            System.arraycopy(start, 0, body, 0, start.length);
            System.arraycopy(bad, 0, body, start.length, bad.length);
            System.arraycopy(end, 0, body, start.length + bad.length, end.length);
            bodies.add(body);
        }
        Random noise = new Random(HostileInput.seed());
        for (int i = 0; i < 20; i++) {
            byte[] body = new byte[noise.nextInt(2_000)];
            noise.nextBytes(body);
            bodies.add(body);
        }
        return bodies;
    }

    /** Keys too short, too long, blank or odd; and one key reused with another body (422). */
    private static void idempotencyKeys(FuzzTally tally, Random random) {
        String body = FuzzInputs.validReportJson();
        List<String> keys = new ArrayList<>(List.of("", " ", "short", "x".repeat(15), "x".repeat(16), "x".repeat(200), "x".repeat(201),
                " ".repeat(20), "\t".repeat(20), "../../etc/passwd/../../..", "' OR '1'='1' -- padding", "\u00e9".repeat(20),
                "<script>window.__pwned=1</script>", "x".repeat(1_000)));
        for (String key : keys) {
            String unique = key.length() >= 16 && !key.isBlank() ? key + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)) : key;
            Response response = given().contentType("application/json").header("Idempotency-Key", unique).body(body).post(API);
            tally.check("Idempotency-Key " + HostileInput.describe(unique), response.statusCode(), () -> {
                if (response.statusCode() != 201) {
                    assertProblemNames(response, "Idempotency-Key");
                }
            });
        }
        String key = java.util.UUID.randomUUID().toString();
        Response first = given().contentType("application/json").header("Idempotency-Key", key).body(body).post(API);
        Response again = given().contentType("application/json").header("Idempotency-Key", key).body(body).post(API);
        Response other = given().contentType("application/json").header("Idempotency-Key", key)
                .body(FuzzInputs.reportWith("description", "\"Another description of what happened.\"")).post(API);
        tally.check("Idempotency-Key first use", first.statusCode(), () -> assertThat(first.statusCode()).isEqualTo(201));
        tally.check("Idempotency-Key retry", again.statusCode(), () -> assertThat(again.jsonPath().getString("reference"))
                .isEqualTo(first.jsonPath().getString("reference")));
        tally.check("Idempotency-Key with another body", other.statusCode(), () -> {
            assertThat(other.statusCode()).isEqualTo(422);
            assertProblemNames(other, "Idempotency-Key");
        });
    }
}
