package org.safereport.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.persistence.Evidence;
import org.safereport.intake.persistence.EvidenceContents;
import org.safereport.intake.persistence.Report;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KeycloakTokens;
import org.safereport.testing.PostgresTestResource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The internal API the escalation service reads reports through, with tokens from the real test Keycloak. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(KeycloakForInternalApi.class)
class InternalReportApiTest {

    private static final String CSRF = "aW50YWtlLWFwaS10ZXN0IQ";
    private static final String SANDBOX = "sandbox; default-src 'none'";
    private static final String REPORT = """
            {"category": "RESIDENT_CONTACT",
             "description": "A resident sent me a friend request and then messages late at night.",
             "when": {"date": "2026-11-20", "time": "21:15"},
             "where": {"platform": "INSTAGRAM"},
             "links": ["https://example.org/post/1", "https://example.org/post/2"],
             "youngPersonAtRisk": true,
             "subject": {"name": "Sam Porter"},
             "reporter": {"name": "Alex Mercer", "email": "support.worker@example.org", "phone": "+44 7700 900123"}}""";

    @Inject
    EvidenceContents contents;

    private static String servicesToken;
    private static Filed filed;

    private record Filed(UUID reportId, String reference, byte[] image, byte[] pdf) {
    }

    @BeforeEach
    void aReportWithAnImageAndADocument() {
        TestData.awaitPolicy();
        if (servicesToken == null) {
            servicesToken = KeycloakTokens.servicesAccessToken();
        }
        if (filed == null) {
            byte[] image = photo(1600, 1000);
            byte[] pdf = TestData.pdf();
            String reference = fileWithEvidence(REPORT, List.of(image, pdf));
            filed = new Filed(reportIdOf(reference), reference, image, pdf);
        }
    }

    @Test
    void theReportReadsAsTheReporterWroteIt() {
        internal().get("/internal/v1/reports/" + filed.reportId())
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("reportId", equalTo(filed.reportId().toString()))
                .body("reference", equalTo(filed.reference()))
                .body("category", equalTo("RESIDENT_CONTACT"))
                .body("categoryLabel", equalTo("A resident made social or inappropriate contact with me"))
                .body("description", equalTo("A resident sent me a friend request and then messages late at night."))
                .body("occurredOn", equalTo("2026-11-20"))
                .body("occurredTime", equalTo("21:15"))
                .body("platform", equalTo("Instagram"))
                .body("links", contains("https://example.org/post/1", "https://example.org/post/2"))
                .body("youngPersonAtRisk", equalTo(true))
                .body("anonymous", equalTo(false))
                .body("reporter.name", equalTo("Alex Mercer"))
                .body("reporter.email", equalTo("support.worker@example.org"))
                .body("reporter.phone", equalTo("+44 7700 900123"))
                .body("subject.name", equalTo("Sam Porter"))
                .body("subject.email", nullValue())
                .body("evidence.position", contains(1, 2))
                .body("evidence.mediaType", contains("image/png", "application/pdf"))
                .body("evidence.fileName", contains(filed.reference() + "-evidence-1.png", filed.reference() + "-evidence-2.pdf"))
                .body("evidence.image", contains(true, false))
                .body("evidence[1].sizeBytes", equalTo(filed.pdf().length))
                .body("submittedAt", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }

    @Test
    void anAnonymousReportHasNoReporterAndNoSubjectWhenNobodyIsNamed() {
        String reference = TestData.file("""
                {"category": "GRIEVANCE", "description": "An unfair decision about my shifts.", "anonymous": true,
                 "where": {"platform": "OTHER", "other": "a parents' forum"},
                 "reporter": {"name": "Typed anyway", "email": "typed.anyway@example.org"}}""")[0];

        internal().get("/internal/v1/reports/" + reportIdOf(reference))
                .then().statusCode(200)
                .body("anonymous", equalTo(true))
                .body("reporter", nullValue())
                .body("subject", nullValue())
                .body("occurredOn", nullValue())
                .body("platform", equalTo("a parents' forum"))
                .body("links", org.hamcrest.Matchers.empty())
                .body("evidence", org.hamcrest.Matchers.empty());
    }

    @Test
    void evidenceDownloadsAsStoredWithHeadersThatKeepBrowsersFromRenderingIt() throws IOException {
        List<UUID> ids = evidenceIds();

        ExtractableResponse<Response> pdf = internal().get(evidencePath(ids.get(1))).then().statusCode(200).extract();
        assertThat(pdf.asByteArray()).as("a document is kept as sent").isEqualTo(filed.pdf());
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Length")).isEqualTo(Integer.toString(filed.pdf().length));
        assertThat(pdf.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + filed.reference() + "-evidence-2.pdf\"");
        assertSandboxed(pdf);

        ExtractableResponse<Response> image = internal().get(evidencePath(ids.get(0))).then().statusCode(200).extract();
        byte[] stored;
        try (InputStream content = contents.open(ids.get(0))) {
            stored = content.readAllBytes();
        }
        assertThat(image.asByteArray()).as("an image as stored (re-encoded when it was filed)").isEqualTo(stored);
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + filed.reference() + "-evidence-1.png\"");
        assertSandboxed(image);
    }

    @Test
    void aThumbnailIsAPngThisServiceDrewAtMost480PixelsKeepingTheAspect() throws IOException {
        ExtractableResponse<Response> thumbnail = internal().get(evidencePath(evidenceIds().get(0)) + "/thumbnail")
                .then().statusCode(200).extract();

        assertThat(thumbnail.contentType()).isEqualTo("image/png");
        assertThat(thumbnail.header("Content-Disposition")).isEqualTo("inline");
        assertSandboxed(thumbnail);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.asByteArray()));
        assertThat(image.getWidth()).isEqualTo(480);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(thumbnail.asByteArray()).isNotEqualTo(filed.image());
    }

    @Test
    void aSmallImageIsNotEnlarged() throws IOException {
        String reference = fileWithEvidence(TestData.report("INAPPROPRIATE_MATERIAL", "Offensive comments under our post."),
                List.of(TestData.png(null)));
        UUID reportId = reportIdOf(reference);
        UUID evidenceId = QuarkusTransaction.requiringNew().call(() -> Evidence.summariesOf(reportId).get(0).id());

        byte[] png = internal().get("/internal/v1/reports/" + reportId + "/evidence/" + evidenceId + "/thumbnail")
                .then().statusCode(200).extract().asByteArray();

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(30);
    }

    @Test
    void aDocumentHasNoThumbnail() {
        internal().get(evidencePath(evidenceIds().get(1)) + "/thumbnail")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void evidenceOfAnotherReportIsNotFound() {
        String other = TestData.file(TestData.report("GRIEVANCE", "The overtime decision last month was unfair."))[0];

        internal().get("/internal/v1/reports/" + reportIdOf(other) + "/evidence/" + evidenceIds().get(1))
                .then().statusCode(404).contentType("application/problem+json");
        internal().get("/internal/v1/reports/" + reportIdOf(other) + "/evidence/" + evidenceIds().get(0) + "/thumbnail")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anUnknownReportIsNotFound() {
        internal().get("/internal/v1/reports/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void aMalformedIdIsNamed() {
        internal().get("/internal/v1/reports/SM-7KQ4-2M9X")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("reportId"));
        internal().get("/internal/v1/reports/" + filed.reportId() + "/evidence/1")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("evidenceId"));
    }

    @Test
    void aPersonsReportsAreFoundByTheAddressInTheBodyAsReporterAndAsSubject() {
        String person = "jordan.ellis." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String filedByThem = fileWithEvidence("""
                {"category": "GRIEVANCE", "description": "My rota was changed without notice.",
                 "reporter": {"name": "Jordan Ellis", "email": "%s"}}""".formatted(person), List.of(filed.pdf()));
        String aboutThem = TestData.file("""
                {"category": "POLICY_BREACH", "description": "Confidential notes were left on a desk.",
                 "subject": {"name": "Jordan Ellis", "email": "%s"},
                 "reporter": {"name": "Casey Morgan", "email": "casey.morgan@example.org"}}""".formatted(person.toUpperCase()))[0];
        TestData.file("""
                {"category": "GRIEVANCE", "description": "Filed anonymously with the address typed anyway.", "anonymous": true,
                 "reporter": {"name": "Jordan Ellis", "email": "%s"}}""".formatted(person));

        internal().contentType(ContentType.JSON).body("{\"email\": \"  " + person.toUpperCase() + " \"}")
                .post("/internal/v1/reports/involving")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("reports.report.reference", contains(filedByThem, aboutThem))
                .body("reports.involvement", contains(List.of("REPORTER"), List.of("SUBJECT")))
                .body("reports[0].report.description", equalTo("My rota was changed without notice."))
                .body("reports[0].report.evidence.fileName", contains(filedByThem + "-evidence-1.pdf"))
                .body("reports[0].progress.status", equalTo("RECEIVED"))
                .body("reports[1].report.reporter.email", equalTo("casey.morgan@example.org"));
        internal().contentType(ContentType.JSON).body("{\"email\": \"nobody.here@example.org\"}")
                .post("/internal/v1/reports/involving").then().statusCode(200).body("reports", org.hamcrest.Matchers.empty());
    }

    @Test
    void aLookupWithoutAnAddressNamesTheFieldAndNeedsAServicesToken() {
        for (String body : List.of("{}", "{\"email\": \" \"}", "{\"email\": \"not an address\"}")) {
            internal().contentType(ContentType.JSON).body(body).post("/internal/v1/reports/involving")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("email"));
        }
        String lookup = "{\"email\": \"support.worker@example.org\"}";
        given().contentType(ContentType.JSON).body(lookup).post("/internal/v1/reports/involving").then().statusCode(401);
        given().auth().oauth2(KeycloakTokens.staffAccessToken("chief-executive")).contentType(ContentType.JSON).body(lookup)
                .post("/internal/v1/reports/involving").then().statusCode(403);
    }

    @Test
    void withoutAValidTokenTheAnswerIs401() {
        String path = "/internal/v1/reports/" + filed.reportId();
        given().get(path).then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().auth().oauth2("not-a-token").get(path).then().statusCode(401);

        String[] parts = servicesToken.split("\\.");
        char middle = parts[2].charAt(parts[2].length() / 2);
        String alteredSignature = parts[2].substring(0, parts[2].length() / 2) + (middle == 'A' ? 'B' : 'A')
                + parts[2].substring(parts[2].length() / 2 + 1);
        given().auth().oauth2(parts[0] + "." + parts[1] + "." + alteredSignature).get(path).then().statusCode(401);
    }

    @Test
    void aStaffMembersTokenIs403AndCannotBeMadeIntoAServicesToken() {
        String path = "/internal/v1/reports/" + filed.reportId();
        String staffToken = KeycloakTokens.staffAccessToken("dsl");

        given().auth().oauth2(staffToken).get(path).then().statusCode(403);
        given().auth().oauth2(staffToken).get(evidencePath(evidenceIds().get(0))).then().statusCode(403);

        String[] parts = staffToken.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"azp\":\"safereport-staff\"", "\"azp\":\"safereport-services\"");
        assertThat(claims).contains("\"azp\":\"safereport-services\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        given().auth().oauth2(forged).get(path).then().statusCode(401);
    }

    @Test
    void thePublicSideIgnoresTokens() {
        given().auth().oauth2("not-a-token").contentType(ContentType.JSON)
                .body(TestData.report("GRIEVANCE", "An unfair decision was made about my shifts."))
                .post("/api/v1/reports").then().statusCode(201);
        given().auth().oauth2("not-a-token").get("/report").then().statusCode(200);
    }

    /** Evidence of the largest size allowed streams through whole; the chunked reading is in EvidenceContents. */
    @Test
    void aFileOfTheLargestAllowedSizeDownloadsWhole() throws Exception {
        byte[] largest = TestData.pdfOfSize(10 * 1024 * 1024);
        String reference = fileWithEvidence(TestData.report("POLICY_BREACH", "A member posted confidential information."),
                List.of(largest));
        UUID reportId = reportIdOf(reference);
        UUID evidenceId = QuarkusTransaction.requiringNew().call(() -> Evidence.summariesOf(reportId).get(0).id());

        ExtractableResponse<Response> download = internal().get("/internal/v1/reports/" + reportId + "/evidence/" + evidenceId)
                .then().statusCode(200).extract();

        assertThat(download.header("Content-Length")).isEqualTo(Integer.toString(largest.length));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        assertThat(sha256.digest(download.asByteArray())).isEqualTo(MessageDigest.getInstance("SHA-256").digest(largest));
    }

    private static RequestSpecification internal() {
        return given().auth().oauth2(servicesToken);
    }

    private static void assertSandboxed(ExtractableResponse<Response> response) {
        assertThat(response.headers().getValues("Content-Security-Policy")).containsExactly(SANDBOX);
        assertThat(response.headers().getValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    private static String evidencePath(UUID evidenceId) {
        return "/internal/v1/reports/" + filed.reportId() + "/evidence/" + evidenceId;
    }

    private static List<UUID> evidenceIds() {
        return QuarkusTransaction.requiringNew().call(() ->
                Evidence.summariesOf(filed.reportId()).stream().map(summary -> summary.id()).toList());
    }

    private static UUID reportIdOf(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> Report.findByReference(reference).orElseThrow().id);
    }

    private static String fileWithEvidence(String report, List<byte[]> files) {
        RequestSpecification request = given().cookie("csrf-token", CSRF).header("X-CSRF-TOKEN", CSRF)
                .multiPart("report", report, "application/json");
        for (int i = 0; i < files.size(); i++) {
            request.multiPart("evidence", "file-" + (i + 1), files.get(i), "application/octet-stream");
        }
        return request.post("/api/v1/reports").then().statusCode(201).extract().path("reference");
    }

    /** A photo-like image: a gradient with a shape, so that re-encoding and scaling have something to do. */
    private static byte[] photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, new Color(0x1d70b8), width, height, new Color(0xffdd00)));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.WHITE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
