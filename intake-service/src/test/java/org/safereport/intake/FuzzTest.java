package org.safereport.intake;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws random, huge, wrongly typed and badly encoded bodies at the JSON API, the form and the status
 * page: whatever comes in, the answer is never a server error.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class FuzzTest {

    private static final String CSRF = "aW50YWtlLWFwaS10ZXN0IQ";
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private final Random random = new Random(SEED);
    private final List<String> failures = new ArrayList<>();
    private int tried;

    @BeforeEach
    void policyIsKnown() {
        TestData.awaitPolicy();
    }

    @Test
    void noInputMakesTheServiceFail() {
        List<byte[]> jsonBodies = new ArrayList<>();
        String[] values = {"null", "true", "1e309", "-1", "\"\"", "[]", "{}", "\"RESIDENT_CONTACT\"", "\"\\u0000\"",
                "\"" + "x".repeat(20_000) + "\"", "[[[[[[[[[[]]]]]]]]]]", "{\"a\":{\"b\":{\"c\":1}}}", "\"2026-02-30\"", "\"25:99\""};
        String[] fields = {"category", "description", "when", "where", "links", "subject", "reporter", "anonymous",
                "emailReceipt", "youngPersonAtRisk", "unknown"};
        for (int i = 0; i < 150; i++) {
            StringBuilder body = new StringBuilder("{");
            int count = random.nextInt(6);
            for (int f = 0; f < count; f++) {
                body.append(f == 0 ? "" : ",").append('"').append(fields[random.nextInt(fields.length)]).append("\":")
                        .append(values[random.nextInt(values.length)]);
            }
            jsonBodies.add(body.append('}').toString().getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 60; i++) {
            byte[] noise = new byte[random.nextInt(2_000)];
            random.nextBytes(noise);
            jsonBodies.add(noise);
        }
        jsonBodies.add(new byte[]{'{', '"', 'd', 'e', 's', 'c', 'r', 'i', 'p', 't', 'i', 'o', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        jsonBodies.add(("{\"description\": \"" + "é".repeat(3_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        jsonBodies.add("[".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
        jsonBodies.add(new byte[0]);
        for (byte[] body : jsonBodies) {
            check("JSON", given().contentType("application/json").body(body).post("/api/v1/reports").statusCode());
            check("JSON as text", given().contentType("text/plain").body(body).post("/api/v1/reports").statusCode());
        }

        for (int i = 0; i < 80; i++) {
            var request = given().cookie("csrf-token", CSRF).multiPart("csrf-token", CSRF);
            int parts = random.nextInt(8);
            String[] names = {"category", "description", "when.date", "when.time", "where.platform", "links",
                    "reporter.email", "anonymous", "emailReceipt", "evidence", "submissionId", "website"};
            for (int p = 0; p < parts; p++) {
                String name = names[random.nextInt(names.length)];
                byte[] value = new byte[random.nextInt(300)];
                random.nextBytes(value);
                if (name.equals("evidence")) {
                    request.multiPart(name, "f" + p + ".png", value, "image/png");
                } else {
                    request.multiPart(name, new String(value, StandardCharsets.ISO_8859_1));
                }
            }
            check("form", request.post("/report").statusCode());
            check("API multipart", given().cookie("csrf-token", CSRF).header("X-CSRF-TOKEN", CSRF)
                    .multiPart("report", new String(jsonBodies.get(i), StandardCharsets.ISO_8859_1), "application/json")
                    .post("/api/v1/reports").statusCode());
        }

        String[] brokenMultipart = {
                "--xyz\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\nGRIEVANCE",
                "--xyz\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--xyz--",
                "garbage without any boundary",
                "--xyz\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u0089PNG\r\n--xy"};
        for (String body : brokenMultipart) {
            check("broken multipart form", given().cookie("csrf-token", CSRF).contentType("multipart/form-data; boundary=xyz")
                    .body(body.getBytes(StandardCharsets.ISO_8859_1)).post("/report").statusCode());
            check("broken multipart API", given().cookie("csrf-token", CSRF).header("X-CSRF-TOKEN", CSRF)
                    .contentType("multipart/form-data; boundary=xyz").body(body.getBytes(StandardCharsets.ISO_8859_1))
                    .post("/api/v1/reports").statusCode());
        }
        check("multipart without boundary", given().contentType("multipart/form-data").body("x".getBytes(StandardCharsets.US_ASCII)).post("/report").statusCode());

        for (int i = 0; i < 40; i++) {
            byte[] code = new byte[random.nextInt(100)];
            random.nextBytes(code);
            String text = new String(code, StandardCharsets.ISO_8859_1);
            check("status page", given().cookie("csrf-token", CSRF).formParam("csrf-token", CSRF)
                    .formParam("reference", text).formParam("receiptCode", text).post("/status").statusCode());
            check("status API", given().header("Receipt-Code", text.replaceAll("[\\r\\n]", ""))
                    .get("/api/v1/reports/SM-" + Integer.toHexString(random.nextInt())).statusCode());
        }

        System.out.printf("Fuzz: %d inputs tried (seed %d), %d server errors%n", tried, SEED, failures.size());
        assertThat(failures).as("inputs answered with a server error (seed %d)", SEED).isEmpty();
    }

    private void check(String what, int status) {
        tried++;
        if (status >= 500) {
            failures.add(what + " #" + tried + " -> " + status);
        }
    }
}
