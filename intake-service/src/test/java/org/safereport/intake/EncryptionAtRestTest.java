package org.safereport.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.envelope.EncryptionConfig;
import org.safereport.envelope.Envelopes;
import org.safereport.envelope.Keysets;
import org.safereport.intake.persistence.Evidence;
import org.safereport.intake.persistence.EvidenceContents;
import org.safereport.intake.persistence.Report;
import org.safereport.messaging.outbox.OutboxMessage;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KeycloakTokens;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.RawTables;

import javax.sql.DataSource;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Encryption at rest: the database holds none of what a reporter wrote or uploaded, and the key can be rotated live. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(KeycloakForInternalApi.class)
class EncryptionAtRestTest {

    private static final String CSRF = "aW50YWtlLWFwaS10ZXN0IQ";
    private static final String DESCRIPTION = "Quillon Brackenridge posted our rota with a mocking caption about the night team.";
    /** Every value the reporter typed, each one unusual enough to be found only where it is stored. */
    private static final List<String> TYPED = List.of("Quillon Brackenridge", "mocking caption", "the Wyvernholt board",
            "https://example.org/wyvernholt/post/771", "Tamsin Okonkwo-Ferrars", "tamsin.okonkwo-ferrars@example.org",
            "+44 7700 900481", "Ridley Vantongeren", "ridley.vantongeren@example.org");
    private static final String REPORT = """
            {"category": "POLICY_BREACH", "description": "%s",
             "when": {"date": "2026-11-19", "time": "22:40"},
             "where": {"platform": "OTHER", "other": "the Wyvernholt board"},
             "links": ["https://example.org/wyvernholt/post/771"],
             "subject": {"name": "Ridley Vantongeren", "email": "ridley.vantongeren@example.org"},
             "reporter": {"name": "Tamsin Okonkwo-Ferrars", "email": "tamsin.okonkwo-ferrars@example.org", "phone": "+44 7700 900481"}}"""
            .formatted(DESCRIPTION);

    @Inject
    DataSource dataSource;

    @Inject
    EvidenceContents contents;

    @Inject
    Envelopes envelopes;

    @Inject
    EncryptionConfig encryption;

    private static String servicesToken;

    @BeforeEach
    void policyAndToken() {
        TestData.awaitPolicy();
        if (servicesToken == null) {
            servicesToken = KeycloakTokens.servicesAccessToken();
        }
    }

    @Test
    void noTableHoldsAWordOrAnImageByteOfAKnownReport() throws Exception {
        UUID reportId = fileWithImage(REPORT);
        byte[] image = storedImageOf(reportId);
        // The events are written to the outbox in clear and published from there; their payloads are dropped once published.
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                OutboxMessage.count("key = ?1 and payload is not null", reportId.toString()) == 0));

        for (String typed : TYPED) {
            assertThat(RawTables.rowsContaining(dataSource, typed)).as("rows holding \"%s\"", typed).isEmpty();
        }
        assertThat(image.length).isGreaterThan(64);
        for (int offset = 0; offset + 32 <= image.length; offset += image.length / 4) {
            assertThat(RawTables.rowsContaining(dataSource, Arrays.copyOfRange(image, offset, offset + 32)))
                    .as("rows holding the image's bytes at %d", offset).isEmpty();
        }
        assertThat(RawTables.rowsContaining(dataSource, "POLICY_BREACH")).as("the category stays in clear for queries")
                .anyMatch(row -> row.startsWith("report: "));
        internal().get("/internal/v1/reports/" + reportId).then().statusCode(200)
                .body("description", equalTo(DESCRIPTION))
                .body("platform", equalTo("the Wyvernholt board"))
                .body("reporter.phone", equalTo("+44 7700 900481"));
    }

    @Test
    void aRotatedKeyWrapsEveryDataKeyAgainWhileTheServiceRunsAndEveryReportStillReads() throws Exception {
        UUID before = fileWithImage(REPORT);
        byte[] image = storedImageOf(before);
        String oldKeyId = keyIdOf(before);

        String newKeyId = Keysets.rotate(encryption.keyEncryptionKeyset());

        assertThat(newKeyId).isNotEqualTo(oldKeyId);
        assertThat(envelopes.primaryKeyId()).as("the service read the new keyset without a restart").isEqualTo(newKeyId);
        rewrap(internal()).statusCode(200)
                .body("primaryKeyId", equalTo(newKeyId))
                .body("remaining", equalTo(0));
        assertThat(distinctKeyIds()).as("raw rows: every data key under the new key").containsExactly(newKeyId);
        rewrap(internal()).statusCode(200)
                .body("rewrapped", equalTo(0)).body("remaining", equalTo(0));

        internal().get("/internal/v1/reports/" + before).then().statusCode(200).body("description", equalTo(DESCRIPTION));
        assertThat(storedImageOf(before)).as("the evidence reads as before, not encrypted again").isEqualTo(image);
        UUID after = fileWithImage(REPORT);
        assertThat(keyIdOf(after)).isEqualTo(newKeyId);
        internal().get("/internal/v1/reports/" + after).then().statusCode(200).body("reporter.name", equalTo("Tamsin Okonkwo-Ferrars"));
        for (UUID reportId : QuarkusTransaction.requiringNew().call(() -> Report.<Report>listAll().stream().map(report -> report.id).toList())) {
            internal().get("/internal/v1/reports/" + reportId).then().statusCode(200);
        }
    }

    @Test
    void rewrappingNeedsTheServicesToken() {
        rewrap(given()).statusCode(401);
        rewrap(given().auth().oauth2(KeycloakTokens.staffAccessToken("dsl"))).statusCode(403);
    }

    @Test
    void reportsInvolvingAPersonAreFoundByTheirAddressHoweverItWasTyped() {
        String address = "morwenna." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String byThem = TestData.file("""
                {"category": "GRIEVANCE", "description": "The rota decision last week was unfair to me.",
                 "reporter": {"name": "Morwenna Example", "email": "%s"}}""".formatted(address))[0];
        String aboutThem = TestData.file("""
                {"category": "GRIEVANCE", "description": "A colleague shared my shift notes publicly.",
                 "subject": {"name": "Morwenna Example", "email": "%s"}}""".formatted(address.toUpperCase()))[0];
        TestData.file("""
                {"category": "GRIEVANCE", "description": "Nothing to do with that person at all.",
                 "reporter": {"email": "someone.else@example.org"}}""");

        List<String> found = QuarkusTransaction.requiringNew().call(() ->
                Report.findInvolving("  " + address.replace("morwenna", "Morwenna") + " ").stream().map(report -> report.reference).toList());

        assertThat(found).containsExactlyInAnyOrder(byThem, aboutThem);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Report.findInvolving("nobody@example.org"))).isEmpty();
    }

    private static RequestSpecification internal() {
        return given().auth().oauth2(servicesToken);
    }

    /** As deploy/kubernetes/rewrap-data-keys sends it: JSON, which needs no CSRF token. */
    private static ValidatableResponse rewrap(RequestSpecification request) {
        return request.contentType(ContentType.JSON).post("/internal/v1/data-keys/rewrap").then();
    }

    private static UUID fileWithImage(String report) {
        String reference = given().cookie("csrf-token", CSRF).header("X-CSRF-TOKEN", CSRF)
                .multiPart("report", report, "application/json")
                .multiPart("evidence", "screenshot.png", TestData.png(null), "application/octet-stream")
                .post("/api/v1/reports").then().statusCode(201).extract().path("reference");
        return QuarkusTransaction.requiringNew().call(() -> Report.findByReference(reference).orElseThrow().id);
    }

    /** The image as stored (re-encoded when filed), decrypted. */
    private byte[] storedImageOf(UUID reportId) throws Exception {
        UUID evidenceId = QuarkusTransaction.requiringNew().call(() -> Evidence.summariesOf(reportId).get(0).id());
        try (InputStream content = contents.open(evidenceId)) {
            return content.readAllBytes();
        }
    }

    private static String keyIdOf(UUID reportId) {
        return QuarkusTransaction.requiringNew().call(() -> Report.<Report>findById(reportId).keyId);
    }

    private List<String> distinctKeyIds() throws Exception {
        List<String> keyIds = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT DISTINCT key_id FROM report");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keyIds.add(rows.getString(1));
            }
        }
        return keyIds;
    }
}
