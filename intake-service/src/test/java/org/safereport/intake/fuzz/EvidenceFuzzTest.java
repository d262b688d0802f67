package org.safereport.intake.fuzz;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.PolicyTestResource;
import org.safereport.intake.TestData;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.Soak;
import org.safereport.testing.fuzz.FuzzTally;
import org.safereport.testing.fuzz.HostileInput;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safereport.intake.fuzz.FuzzInputs.assertCorrectionsPage;
import static org.safereport.intake.fuzz.FuzzInputs.assertPage;
import static org.safereport.intake.fuzz.FuzzInputs.assertProblem;
import static org.safereport.intake.fuzz.FuzzInputs.assertProblemNames;

/**
 * Evidence files on the API ({@code POST /api/v1/reports}, multipart) and on the form: contents whose first
 * bytes do not match their declared type or name, broken images, other file kinds, file names with path
 * traversal, control characters and NUL bytes, empty and oversized files, too many parts, and seeded
 * mutations of a real PNG. A PNG, JPEG or PDF (by its first bytes) that can be read, and for a PDF has
 * nothing in it that runs, is accepted whatever its name and declared type; anything else is a 4xx naming
 * {@code evidence}, never a server error.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class EvidenceFuzzTest {

    private static final int MUTATIONS = Soak.scaled(40, 2_000);
    private static final byte[] PNG = TestData.png(null);
    private static final byte[] JPEG = TestData.jpegWithExif("GPS 51.5007,-0.1246");
    private static final byte[] PDF = TestData.pdf();
    private static final byte[] PDF_WITH_SCRIPT = TestData.pdf(document -> document.getDocumentCatalog()
            .setOpenAction(new PDActionJavaScript("window.__pwned=1")));

    /**
     * A file as sent: a label, its bytes, and what the service should make of it: 1 accepted, 0 refused as
     * not a PNG, JPEG or PDF (415), -1 refused otherwise (an image too large to decode is a 413).
     */
    private record Upload(String label, byte[] content, int expected) {
    }

    @BeforeEach
    void policyIsKnown() {
        FuzzInputs.awaitPolicy();
    }

    private static List<Upload> contents() {
        byte[] pngHeaderOnly = Arrays.copyOf(PNG, 33);
        byte[] bomb = Arrays.copyOf(PNG, PNG.length);
        // IHDR width and height (bytes 16-23) of 100,000 x 100,000 pixels: a decompression bomb.
        bomb[16] = 0; bomb[17] = 1; bomb[18] = (byte) 0x86; bomb[19] = (byte) 0xA0;
        bomb[20] = 0; bomb[21] = 1; bomb[22] = (byte) 0x86; bomb[23] = (byte) 0xA0;
        return List.of(
                new Upload("PNG", PNG, 1),
                new Upload("JPEG with EXIF", JPEG, 1),
                new Upload("PDF", PDF, 1),
                new Upload("PDF with a script", PDF_WITH_SCRIPT, -1),
                new Upload("PDF signature then a script", "%PDF-1.4\n<</JS (app.alert(1))>>\n<html><script>window.__pwned=1</script>".getBytes(StandardCharsets.US_ASCII), 0),
                new Upload("PNG signature then garbage", concat(Arrays.copyOf(PNG, 8), "garbage".repeat(20).getBytes(StandardCharsets.US_ASCII)), 0),
                new Upload("PNG cut after its header", pngHeaderOnly, 0),
                new Upload("PNG cut in half", Arrays.copyOf(PNG, PNG.length / 2), 0),
                new Upload("PNG of 100,000 x 100,000 pixels", bomb, -1),
                new Upload("JPEG signature then garbage", concat(Arrays.copyOf(JPEG, 3), new byte[500]), 0),
                new Upload("HTML", "<html><body><script>window.__pwned=1</script></body></html>".getBytes(StandardCharsets.US_ASCII), 0),
                new Upload("SVG with a script", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"window.__pwned=1\"/>".getBytes(StandardCharsets.US_ASCII), 0),
                new Upload("GIF", "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1), 0),
                new Upload("ZIP", new byte[]{'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0}, 0),
                new Upload("ELF executable", new byte[]{0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, 0),
                new Upload("NUL bytes", new byte[1_000], 0),
                new Upload("one byte", new byte[]{(byte) 0x89}, 0),
                new Upload("text", "hello, this is not a picture".getBytes(StandardCharsets.US_ASCII), 0));
    }

    private static final List<String> TYPES = List.of("image/png", "image/jpeg", "application/pdf", "text/html",
            "image/svg+xml", "application/octet-stream", "application/x-msdownload", "garbage/type;;;");

    private static final List<String> NAMES = List.of("screenshot.png", "../../etc/passwd", "..\\..\\windows\\win.ini",
            "/etc/passwd", "a\u0000.png", "a\u0001\u001f\u007f.png", "a\r\nb.png", "", ".", "...", "CON", "%2e%2e%2fpasswd.png",
            "x".repeat(1_000) + ".png", "evil\u202egnp.exe", "<img src=x onerror=window.__pwned=1>.png", "caf\u00e9 \ud83d\ude00.pdf",
            "photo.png\"; name=\"category", "a.png\r\nContent-Type: text/html");

    @Test
    void evidenceIsJudgedByItsFirstBytesAndBadFilesAreProblemsNamingEvidence() {
        long seed = HostileInput.seed();
        FuzzTally tally = new FuzzTally("evidence", seed);
        HostileInput.Mutator mutator = HostileInput.mutator(seed);
        Random random = mutator.random();

        int n = 0;
        for (Upload upload : contents()) {
            for (String type : TYPES) {
                String name = NAMES.get(n++ % NAMES.size());
                send(tally, upload.label() + " as " + type + " named " + HostileInput.describe(name), random,
                        request -> request.multiPart("evidence", name, upload.content(), type), malformed(name) ? -2 : upload.expected());
            }
        }
        for (String name : NAMES) {
            send(tally, "PNG named " + HostileInput.describe(name), random, request -> request.multiPart("evidence", name, PNG, "image/png"),
                    malformed(name) ? -2 : 1);
        }
        send(tally, "empty file", random, request -> request.multiPart("evidence", "empty.png", new byte[0], "image/png"), -1);
        for (int count : new int[]{5, 6, 50}) {
            send(tally, count + " files", random, request -> {
                for (int i = 0; i < count; i++) {
                    request.multiPart("evidence", "photo" + i + ".png", PNG, "image/png");
                }
                return request;
            }, count <= 5 ? 1 : -1);
        }
        byte[] justTooLarge = concat(PDF, new byte[(int) (10L * 1024 * 1024) + 1 - PDF.length]);
        send(tally, "a file of 10 MB and one byte", random, request -> request.multiPart("evidence", "big.pdf", justTooLarge, "application/pdf"), -1);
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] bent = mutator.mutate(PNG);
            send(tally, "mutated PNG " + i, random, request -> request.multiPart("evidence", "bent.png", bent, "image/png"), 2);
        }
        brokenMultipart(tally, mutator);
        csrf(tally);
        tally.finish();
    }

    /** Multipart on the API needs the CSRF token in cookie and header: without it, a problem naming the header, and nothing filed. */
    private static void csrf(FuzzTally tally) {
        long before = FuzzInputs.reportCount();
        for (FuzzInputs.CsrfTokens token : FuzzInputs.refusedCsrfTokens()) {
            RequestSpecification request = io.restassured.RestAssured.given();
            if (token.cookie() != null) {
                request.cookie("csrf-token", token.cookie());
            }
            if (token.sent() != null) {
                request.header("X-CSRF-TOKEN", token.sent());
            }
            Response response = request.multiPart("report", FuzzInputs.validReportJson(), "application/json")
                    .multiPart("evidence", "photo.png", PNG, "image/png").post("/api/v1/reports");
            tally.check("API CSRF " + token.label(), response.statusCode(), () -> {
                assertThat(response.statusCode()).isEqualTo(400);
                assertProblemNames(response, "X-CSRF-TOKEN");
            });
        }
        tally.verify("reports filed with a refused CSRF token", () -> assertThat(FuzzInputs.reportCount()).isEqualTo(before));
    }

    /** Multipart bodies cut short or without a boundary, and the API's {@code report} part missing, empty or not JSON. */
    private static void brokenMultipart(FuzzTally tally, HostileInput.Mutator mutator) {
        List<String> bodies = List.of(
                "--xyz\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\nGRIEVANCE",
                "--xyz\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--xyz--",
                "garbage without any boundary",
                "--xyz\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u0089PNG\r\n--xy",
                "--xyz\r\nContent-Disposition: form-data; name=\"report\"\r\nContent-Type: application/json\r\n\r\n{}\r\n--xyz--",
                "--xyz--", "", "--xyz\r\n\r\n\r\n--xyz--");
        for (String body : bodies) {
            for (String path : List.of("/report", "/api/v1/reports")) {
                for (String type : List.of("multipart/form-data; boundary=xyz", "multipart/form-data", "multipart/form-data; boundary=")) {
                    Response response = FuzzInputs.apiMultipart().contentType(type).body(body.getBytes(StandardCharsets.ISO_8859_1)).post(path);
                    tally.check(path + " " + type + " " + HostileInput.describe(body), response.statusCode(), () -> {
                        assertThat(response.statusCode()).isBetween(400, 499);
                        if (path.startsWith("/api")) {
                            assertProblem(response);
                        }
                    });
                }
            }
        }
        List<String> reports = new java.util.ArrayList<>(List.of("", " ", "null", "not json", "[]", "{", FuzzInputs.reportWith("category", "1")));
        for (int i = 0; i < 20; i++) {
            reports.add(mutator.mutate(FuzzInputs.validReportJson()));
        }
        for (String report : reports) {
            Response response = FuzzInputs.apiMultipart().multiPart("report", report, "application/json")
                    .multiPart("evidence", "photo.png", PNG, "image/png").post("/api/v1/reports");
            tally.check("API report part " + HostileInput.describe(report), response.statusCode(), () -> {
                if (response.statusCode() != 201) {
                    assertProblem(response);
                }
            });
        }
        Response noReport = FuzzInputs.apiMultipart().multiPart("evidence", "photo.png", PNG, "image/png").post("/api/v1/reports");
        tally.check("API without a report part", noReport.statusCode(), () -> assertProblemNames(noReport, "report"));
    }

    /**
     * A file name with a line break, sent as it is, ends the part's header line: unless what follows reads as
     * another header (an injected Content-Type, which then counts for nothing), the body is not well-formed.
     */
    private static boolean malformed(String name) {
        return (name.contains("\r") || name.contains("\n")) && !name.matches("(?s).*\\r\\n[A-Za-z-]+: .*");
    }

    /**
     * Sends the evidence once on the API and once on the form.
     *
     * @param expected 1 accepted, 0 refused for its type (415), -1 refused as empty, too large or too many (4xx),
     *                 -2 refused as a body that is not well-formed (400 problem naming the body, on the form too), 2 either
     */
    private static void send(FuzzTally tally, String what, Random random, Function<RequestSpecification, RequestSpecification> evidence,
                             int expected) {
        RequestSpecification api = FuzzInputs.apiMultipart().multiPart("report", FuzzInputs.validReportJson(), "application/json");
        Response answer = evidence.apply(api).post("/api/v1/reports");
        tally.check("API " + what, answer.statusCode(), () -> {
            if (expected == -2) {
                assertProblemNames(answer, "body");
            } else if (expected == 1 || expected == 2 && answer.statusCode() == 201) {
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(201);
            } else {
                assertProblemNames(answer, "evidence");
                if (expected == 0) {
                    assertThat(answer.statusCode()).isEqualTo(415);
                }
                if (answer.statusCode() != 413 || answer.jsonPath().getList("errors") != null) {
                    assertThat(answer.jsonPath().getList("errors.field", String.class)).contains("evidence");
                }
            }
        });

        Map<String, String> fields = FuzzInputs.validForm();
        Response page = evidence.apply(FuzzInputs.formPost(fields)).post("/report");
        tally.check("form " + what, page.statusCode(), () -> {
            if (expected == -2) {
                assertProblemNames(page, "body");
            } else if (expected == 1 || expected == 2 && page.statusCode() == 200) {
                assertThat(page.statusCode()).isEqualTo(200);
                assertPage(page, "<title>Report sent");
            } else {
                assertThat(page.statusCode()).isEqualTo(400);
                assertCorrectionsPage(page);
                assertThat(page.asString()).contains("id=\"evidence-error\"");
            }
        });
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
