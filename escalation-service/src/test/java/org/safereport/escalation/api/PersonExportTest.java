package org.safereport.escalation.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.FormPost;
import org.safereport.escalation.IntakeStandIn;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.escalation.SignedIn;
import org.safereport.escalation.audit.AddressDigests;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.export.PersonExport;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.RemovalRequest;
import org.safereport.escalation.removal.RemovalRequests;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.safereport.escalation.CaseFixtures.requests;

/**
 * The Chief Executive's export of a person's data, signed in through the real Keycloak: a person who made a
 * report, is the subject of another and handled a third, exported as one ZIP whose JSON, page and evidence are
 * read back; nobody else may export; and the export is on the audit trail without the address. Intake's side is
 * {@link IntakeStandIn}, answering as intake's internal API does (that API's own tests are in intake-service).
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(IntakeStandIn.class)
class PersonExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "/cases/people-export";

    @Inject
    AdjustableClock clock;

    @Inject
    PersonExport export;

    @Inject
    RemovalRequests removals;

    @Inject
    AddressDigests digests;

    @ConfigProperty(name = "escalation.intake-url")
    String intakeUrl;

    private record Filed(UUID reportId, String reference) {
    }

    @Test
    void theChiefExecutiveDownloadsEverythingHeldAboutAPersonAsOneZip() throws IOException {
        Filed madeByThem = file("SAFEGUARDING_CONCERN", "dsl@example.org", null);
        Filed aboutThem = file("POLICY_BREACH", "support.worker@example.org", "dsl@example.org");
        Filed aboutTheChiefExecutive = file("GRIEVANCE", "dsl@example.org", "chief.executive@example.org");
        Filed handledByThem = file("SAFEGUARDING_CONCERN", "support.worker@example.org", null);
        SignedIn.as("dsl").get("/cases/" + handledByThem.reference()).then().statusCode(200);
        FormPost.from(SignedIn.as("dsl"), "/cases/" + handledByThem.reference())
                .post(SignedIn.as("dsl").formParam("note", "Called the night manager."), "/cases/" + handledByThem.reference() + "/notes")
                .then().statusCode(303);

        byte[] photo = randomBytes(300_000);
        byte[] letter = randomBytes(2_000);
        UUID photoId = UUID.randomUUID();
        UUID letterId = UUID.randomUUID();
        UUID theirEvidenceAboutThem = UUID.randomUUID();
        answer("GET /internal/v1/reports/" + madeByThem.reportId() + "/evidence/" + photoId, photo);
        answer("GET /internal/v1/reports/" + madeByThem.reportId() + "/evidence/" + letterId, letter);
        answer("GET /internal/v1/reports/" + aboutThem.reportId() + "/evidence/" + theirEvidenceAboutThem, randomBytes(100));
        answer(IntakeStandIn.lookupKey("dsl@example.org"), ("{\"reports\": ["
                + involved("REPORTER", madeByThem, "Riley Carrow", "dsl@example.org", null, null,
                        evidence(photoId, 1, madeByThem, "png", photo.length) + "," + evidence(letterId, 2, madeByThem, "pdf", letter.length))
                + "," + involved("SUBJECT", aboutThem, "Sam Brook", "support.worker@example.org", "Riley Carrow", "dsl@example.org",
                        evidence(theirEvidenceAboutThem, 1, aboutThem, "png", 100))
                + "," + involved("REPORTER", aboutTheChiefExecutive, "Riley Carrow", "dsl@example.org", "Morgan Hale",
                        "chief.executive@example.org", "")
                + "]}").getBytes());

        FormPost form = FormPost.from(SignedIn.as("chief-executive"), PAGE);
        Response download = form.post(SignedIn.as("chief-executive").formParam("email", "  DSL@Example.org "), PAGE);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/zip");
        Map<String, byte[]> zip = unzip(download.asByteArray());
        JsonNode person = JSON.readTree(zip.get("person.json"));
        String exportId = person.path("export").path("id").asText();
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"safereport-person-export-" + exportId + ".zip\"");

        assertThat(zip.keySet()).contains("person.json", "person.html");
        assertThat(zip.keySet().stream().filter(name -> name.startsWith("evidence/")))
                .as("the evidence of the report they made, none of the report about them")
                .containsExactlyInAnyOrder("evidence/" + madeByThem.reference() + "-evidence-1.png",
                        "evidence/" + madeByThem.reference() + "-evidence-2.pdf");
        assertThat(zip.get("evidence/" + madeByThem.reference() + "-evidence-1.png")).isEqualTo(photo);
        assertThat(zip.get("evidence/" + madeByThem.reference() + "-evidence-2.pdf")).isEqualTo(letter);

        assertThat(person.path("export").path("email").asText()).isEqualTo("dsl@example.org");
        assertThat(person.path("export").path("madeBy").asText()).isEqualTo("chief-executive");
        assertThat(person.path("directoryEntry").path("id").asText()).isEqualTo("dsl");
        assertThat(texts(person.path("reports"), "/report/reference")).containsExactly(madeByThem.reference(), aboutThem.reference());
        assertThat(texts(person.path("reports"), "/involvement/0")).containsExactly("REPORTER", "SUBJECT");
        assertThat(texts(person.path("reports"), "/evidenceIncluded")).containsExactly("true", "false");
        assertThat(person.path("withheld").path("reports").asInt()).isEqualTo(1);
        assertThat(texts(person.path("cases"), "/reference")).contains(madeByThem.reference(), aboutThem.reference(), handledByThem.reference())
                .doesNotContain(aboutTheChiefExecutive.reference());
        JsonNode handled = caseOf(person, handledByThem.reference());
        assertThat(texts(handled.path("involvement"), "")).contains("TOLD", "WROTE_NOTE").doesNotContain("REPORTER", "SUBJECT");
        assertThat(texts(handled.path("notes"), "/text")).containsExactly("Called the night manager.");
        assertThat(texts(handled.path("told"), "/role")).contains("DSL");
        assertThat(texts(caseOf(person, aboutThem.reference()).path("involvement"), "")).contains("SUBJECT");
        assertThat(person.path("actions").findValuesAsText("caseReference")).contains(handledByThem.reference());
        assertThat(person.path("actions").findValuesAsText("action")).contains("VIEWED_REPORT", "ADDED_NOTE");
        assertThat(person.path("notificationService").asText()).contains("no address");

        Document page = Jsoup.parse(new String(zip.get("person.html"), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.select("script")).isEmpty();
        assertThat(page.title()).isEqualTo("Data SafeReport holds about dsl@example.org");
        assertThat(page.getElementById("export-id").text()).isEqualTo(exportId);
        assertThat(page.select("a[href]").eachAttr("href")).containsExactly(
                "evidence/" + madeByThem.reference() + "-evidence-1.png", "evidence/" + madeByThem.reference() + "-evidence-2.pdf");
        assertThat(page.text()).contains("What " + madeByThem.reference() + " says happened.", "Called the night manager.",
                "Case " + handledByThem.reference() + ": this person was told of it, wrote a note on it")
                .doesNotContain(aboutTheChiefExecutive.reference());

        JsonNode lookup = lastLookup();
        assertThat(lookup.path("uri").asText()).as("the address is in no URL").isEqualTo("/internal/v1/reports/involving");
        assertThat(lookup.path("body").path("email").asText()).isEqualTo("dsl@example.org");

        List<AuditEntry> trail = QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.<AuditEntry>list("action = ?1 and item like ?2", AuditEntry.Action.EXPORTED_PERSON, "export " + exportId + "%"));
        assertThat(trail).allSatisfy(entry -> {
            assertThat(entry.personId).isEqualTo("chief-executive");
            assertThat(entry.clientAddress).isNotBlank();
            assertThat(entry.item).doesNotContain("dsl");
        });
        AuditEntry whole = trail.stream().filter(entry -> entry.caseId == null).findFirst().orElseThrow();
        assertThat(whole.aboutDigest).isEqualTo(export.digest("dsl@example.org")).isNotEqualTo(export.digest("team.leader@example.org"));
        assertThat(whole.item).matches("export " + exportId + ": 2 reports, \\d+ cases, 2 evidence files, \\d+ actions, \\d+ withheld");
        assertThat(trail.stream().filter(entry -> entry.caseId != null).map(entry -> entry.caseId))
                .contains(CaseFixtures.escalationCase(madeByThem.reference()).id, CaseFixtures.escalationCase(aboutThem.reference()).id,
                        CaseFixtures.escalationCase(handledByThem.reference()).id)
                .doesNotContain(CaseFixtures.escalationCase(aboutTheChiefExecutive.reference()).id);
    }

    @Test
    void aMemberOfTheDirectoryCanBeChosenInsteadOfTyped() throws IOException {
        Response download = FormPost.from(SignedIn.as("chief-executive"), PAGE)
                .post(SignedIn.as("chief-executive").formParam("person", "team-leader"), PAGE);

        assertThat(download.statusCode()).isEqualTo(200);
        JsonNode person = JSON.readTree(unzip(download.asByteArray()).get("person.json"));
        assertThat(person.path("export").path("email").asText()).isEqualTo("team.leader@example.org");
        assertThat(person.path("directoryEntry").path("name").asText()).isNotBlank();
        assertThat(lastLookup().path("body").path("email").asText()).isEqualTo("team.leader@example.org");
    }

    @Test
    void theApiExportsTheSameForTheChiefExecutiveAndNamesAWrongField() throws IOException {
        Response download = SignedIn.as("chief-executive").contentType("application/json").body("{\"email\": \"Volunteer@example.org\"}")
                .post("/api/v1/people/export");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/zip");
        JsonNode person = JSON.readTree(unzip(download.asByteArray()).get("person.json"));
        assertThat(person.path("export").path("email").asText()).isEqualTo("volunteer@example.org");
        assertThat(lastLookup().path("body").path("email").asText()).isEqualTo("volunteer@example.org");
        String exportId = person.path("export").path("id").asText();
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("item like ?1 and caseId is null", "export " + exportId + ":%")))
                .isEqualTo(1);

        for (String body : List.of("{}", "{\"email\": \"\"}", "{\"email\": \"volunteer at example.org\"}")) {
            SignedIn.as("chief-executive").contentType("application/json").body(body).post("/api/v1/people/export")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.contains("email"));
        }
        SignedIn.as("dsl").contentType("application/json").body("{\"email\": \"volunteer@example.org\"}").post("/api/v1/people/export")
                .then().statusCode(403);
        given().contentType("application/json").body("{\"email\": \"volunteer@example.org\"}").post("/api/v1/people/export")
                .then().statusCode(401);
    }

    @Test
    void removalRequestsAreInTheExportOfWhoeverWasAskedInTheDirectoryOrOutsideIt() throws IOException {
        String reference = file("POLICY_BREACH", "support.worker@example.org", null).reference();
        UUID caseId = CaseFixtures.escalationCase(reference).id;
        AuditTrail.Actor staff = new AuditTrail.Actor("chief-executive", "192.0.2.20");
        Instant due = clock.instant().plus(Duration.ofDays(1));
        removals.record(caseId, staff, new RemovalRequests.Draft("Facebook", "The album of the summer trip", "volunteer", null,
                "volunteer", null, due));
        // Typed as staff typed it: the export finds it by the address however its case is written.
        removals.record(caseId, staff, new RemovalRequests.Draft("A forum", "The thread about the summer trip", null, "Robin Fairweather",
                null, "Robin.Fairweather@Example.org", due));
        JsonNode toOutside = requests(reference, 3).stream()
                .filter(request -> request.path("recipient").path("email").asText().equals("Robin.Fairweather@Example.org"))
                .findFirst().orElseThrow();
        String link = URI.create(toOutside.get("acknowledgementLink").asText()).getPath();
        FormPost.from(given(), link).post(given().formParam("answer", "refused").formParam("reason", "The thread is not mine to edit."), link)
                .then().statusCode(200);

        Map<String, byte[]> outside = exportOf("robin.fairweather@example.org");
        JsonNode person = JSON.readTree(outside.get("person.json"));
        assertThat(person.path("directoryEntry").isNull()).isTrue();
        assertThat(person.path("removalRequests")).singleElement().satisfies(asked -> {
            assertThat(asked.path("caseReference").asText()).isEqualTo(reference);
            assertThat(asked.path("number").asInt()).isEqualTo(2);
            assertThat(asked.path("platform").asText()).isEqualTo("A forum");
            assertThat(asked.path("location").asText()).isEqualTo("The thread about the summer trip");
            assertThat(asked.path("state").asText()).isEqualTo("REFUSED");
            assertThat(asked.path("refusalReason").asText()).isEqualTo("The thread is not mine to edit.");
            assertThat(Instant.parse(asked.path("dueAt").asText())).isCloseTo(due, within(1, ChronoUnit.MICROS));
            assertThat(asked.path("answeredAt").isNull()).isFalse();
        });
        assertThat(Jsoup.parse(new String(outside.get("person.html"), StandardCharsets.UTF_8)).getElementById("removal-requests")
                .parent().text()).contains("Removal request 2 on case " + reference, "The thread is not mine to edit.",
                "they said they cannot or will not remove it");

        JsonNode member = JSON.readTree(exportOf("volunteer@example.org").get("person.json"));
        assertThat(member.path("removalRequests").findParents("caseReference").stream()
                .filter(asked -> asked.path("caseReference").asText().equals(reference)))
                .singleElement().satisfies(asked -> {
                    assertThat(asked.path("number").asInt()).isEqualTo(1);
                    assertThat(asked.path("platform").asText()).isEqualTo("Facebook");
                    assertThat(asked.path("state").asText()).isEqualTo("REQUESTED");
                });
        assertThat(QuarkusTransaction.requiringNew().call(() -> RemovalRequest.<RemovalRequest>find("caseId = ?1 and number = 2", caseId)
                .singleResult().askedEmailDigest)).as("the address's keyed hash, not the address").isEqualTo(digests.of("robin.fairweather@example.org"));
    }

    private static Map<String, byte[]> exportOf(String email) throws IOException {
        Response download = SignedIn.as("chief-executive").contentType("application/json").body("{\"email\": \"" + email + "\"}")
                .post("/api/v1/people/export");
        assertThat(download.statusCode()).isEqualTo(200);
        return unzip(download.asByteArray());
    }

    @Test
    void aMissingOrMalformedAddressShowsThePageAgainNamingTheField() {
        FormPost form = FormPost.from(SignedIn.as("chief-executive"), PAGE);
        for (String email : List.of("", "   ", "not an address", "two@@example.org")) {
            Response refused = form.post(SignedIn.as("chief-executive").formParam("email", email), PAGE);
            assertThat(refused.statusCode()).as(email).isEqualTo(400);
            Document page = Jsoup.parse(refused.asString());
            assertThat(page.select(".error-summary-list a").attr("href")).isEqualTo("#email");
            assertThat(page.getElementById("email-error").text()).startsWith("The email address ");
        }
        Response both = form.post(SignedIn.as("chief-executive").formParam("email", "dsl@example.org").formParam("person", "chair"), PAGE);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(both.asString()).getElementById("email-error").text()).contains("not both");
    }

    @Test
    void onlyTheChiefExecutiveIsOfferedTheExportOrMayMakeOne() {
        assertThat(Jsoup.parse(SignedIn.as("chief-executive").get("/cases").asString()).getElementById("people-export")).isNotNull();
        assertThat(Jsoup.parse(SignedIn.as("dsl").get("/cases").asString()).getElementById("people-export")).isNull();

        FormPost chiefExecutivesForm = FormPost.from(SignedIn.as("chief-executive"), PAGE);
        long exportsBefore = exportsBy("dsl");
        for (String personId : List.of("dsl", "chair", "team-leader")) {
            SignedIn.as(personId).get(PAGE).then().statusCode(403);
            chiefExecutivesForm.post(SignedIn.as(personId).formParam("email", "support.worker@example.org"), PAGE).then().statusCode(403);
        }
        given().redirects().follow(false).get(PAGE).then().statusCode(302);
        assertThat(exportsBy("dsl") + exportsBy("chair") + exportsBy("team-leader")).isEqualTo(exportsBefore);
    }

    private Filed file(String category, String reporterEmail, String subjectEmail) {
        String reference = CaseFixtures.newReference();
        UUID reportId = CaseFixtures.publishReport(clock.instant(), reference, category, false, reporterEmail, subjectEmail);
        await().atMost(CaseFixtures.WAIT).until(() -> CaseFixtures.hasCase(reportId));
        return new Filed(reportId, reference);
    }

    /** A report as intake's look-up answers it; {@code evidence} is the JSON of its files. */
    private static String involved(String involvement, Filed report, String reporterName, String reporterEmail, String subjectName,
                                   String subjectEmail, String evidence) {
        return """
                {"involvement": ["%s"], "report": {"reportId": "%s", "reference": "%s", "category": "GRIEVANCE",
                 "categoryLabel": "Something at work", "submittedAt": "%s", "description": "What %s says happened.",
                 "occurredOn": "2026-11-20", "occurredTime": "21:15", "platform": "Instagram", "links": ["https://example.org/post/1"],
                 "youngPersonAtRisk": false, "anonymous": false,
                 "reporter": {"name": "%s", "email": "%s", "phone": "+44 7700 900123"},
                 "subject": %s, "evidence": [%s]},
                 "progress": {"status": "WITH_ROLE", "withRoleTitle": "the Designated Safeguarding Lead", "emailReceipt": true}}
                """.formatted(involvement, report.reportId(), report.reference(), Instant.parse("2026-11-21T09:30:00Z"), report.reference(),
                reporterName, reporterEmail, subjectName == null ? "null"
                        : "{\"name\": \"" + subjectName + "\", \"email\": \"" + subjectEmail + "\"}", evidence);
    }

    private static String evidence(UUID id, int position, Filed report, String extension, int size) {
        return """
                {"id": "%s", "position": %d, "mediaType": "%s", "sizeBytes": %d, "fileName": "%s-evidence-%d.%s", "image": %s}
                """.formatted(id, position, extension.equals("png") ? "image/png" : "application/pdf", size, report.reference(), position,
                extension, extension.equals("png"));
    }

    private void answer(String key, byte[] body) {
        given().baseUri(intakeUrl).header("X-Answer-For", key).body(body).put("/stand-in/answers").then().statusCode(204);
    }

    private JsonNode lastLookup() throws IOException {
        JsonNode lookups = JSON.readTree(given().baseUri(intakeUrl).get("/stand-in/lookups").asByteArray());
        return lookups.get(lookups.size() - 1);
    }

    private static long exportsBy(String personId) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("personId = ?1 and action = ?2", personId,
                AuditEntry.Action.EXPORTED_PERSON));
    }

    private static JsonNode caseOf(JsonNode person, String reference) {
        for (JsonNode held : person.path("cases")) {
            if (held.path("reference").asText().equals(reference)) {
                return held;
            }
        }
        throw new AssertionError("no case " + reference + " in the export");
    }

    private static List<String> texts(JsonNode array, String pointer) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(pointer.isEmpty() ? node.asText() : node.at(pointer).asText()));
        return texts;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
