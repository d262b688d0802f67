package org.safereport.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.persistence.Evidence;
import org.safereport.intake.persistence.IdempotencyRecord;
import org.safereport.intake.persistence.Report;
import org.safereport.intake.persistence.ReportSealing;
import org.safereport.intake.domain.ReportStatus;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.RawTables;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A case purged at the end of its retention period (cases.purged.v1): the report's content, evidence and
 * first answers are removed from every table of this service; its tombstone stays (reference, category,
 * dates, status, outcome); a redelivered purge changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class ReportPurgeTest {

    private static final String CSRF = "aW50YWtlLWFwaS10ZXN0IQ";
    /** What the reporter wrote, each word found nowhere once the report is purged. */
    private static final List<String> WRITTEN = List.of("Periwinkle Otter", "Casey Fictional", "casey.fictional@example.org",
            "+447700900456", "Robin Imaginary", "robin.imaginary@example.org", "https://social.example.org/post/periwinkle",
            "a forum called Otterville");

    @Inject
    DataSource dataSource;

    @Inject
    ReportSealing sealing;

    @BeforeEach
    void policyIsKnown() {
        TestData.awaitPolicy();
    }

    @Test
    void aPurgedReportKeepsItsTombstoneAndNothingThatWasWritten() {
        String reference = given().cookie("csrf-token", CSRF).header("X-CSRF-TOKEN", CSRF)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .multiPart("report", """
                        {"category": "POLICY_BREACH", "description": "Periwinkle Otter was insulted in a comment.",
                         "when": {"date": "2026-11-20"}, "where": {"platform": "OTHER", "other": "a forum called Otterville"},
                         "links": ["https://social.example.org/post/periwinkle"],
                         "subject": {"name": "Robin Imaginary", "email": "robin.imaginary@example.org"},
                         "reporter": {"name": "Casey Fictional", "email": "casey.fictional@example.org", "phone": "+447700900456"}}
                        """, "application/json")
                .multiPart("evidence", "comment.png", TestData.png(null), "image/png")
                .post("/api/v1/reports")
                .then().statusCode(201).extract().path("reference");
        Report filed = report(reference);
        assertThat(sealing.open(filed).description()).contains("Periwinkle Otter");
        assertThat(rowsContaining(filed.sealedContent)).as("the sealed content").isNotEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Report.findInvolving("casey.fictional@example.org"))).hasSize(1);
        KafkaTopics.send("cases.status.v1", filed.id.toString(), """
                {"eventId": "%s", "eventType": "case.status", "schemaVersion": 1, "occurredAt": "2026-11-25T10:00:00Z",
                 "reportId": "%s", "reference": "%s", "state": "CLOSED", "withRole": "CHIEF_EXECUTIVE",
                 "withRoleTitle": "the Chief Executive", "respondBy": null, "outcome": "The comment was removed."}
                """.formatted(UUID.randomUUID(), filed.id, reference));
        await().atMost(Duration.ofSeconds(30)).until(() -> report(reference).status == ReportStatus.CLOSED);

        String purge = """
                {"eventId": "%s", "eventType": "case.purged", "schemaVersion": 1, "occurredAt": "2032-11-25T10:00:00Z",
                 "reportId": "%s", "reference": "%s", "rule": "POLICY_BREACH P6Y"}
                """.formatted(UUID.randomUUID(), filed.id, reference);
        KafkaTopics.send("cases.purged.v1", filed.id.toString(), purge);
        await().atMost(Duration.ofSeconds(30)).until(() -> report(reference).purgedAt != null);
        KafkaTopics.send("cases.purged.v1", filed.id.toString(), purge);

        Report tombstone = report(reference);
        assertThat(tombstone.category).isEqualTo("POLICY_BREACH");
        assertThat(tombstone.submittedAt).isEqualTo(filed.submittedAt);
        assertThat(tombstone.closedAt).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(tombstone.status).isEqualTo(ReportStatus.CLOSED);
        assertThat(tombstone.outcome).isEqualTo("The comment was removed.");
        assertThat(tombstone.sealedContent).as("content").isNull();
        assertThat(tombstone.dataKey).as("data key").isNull();
        assertThat(tombstone.receiptCodeHash).as("receipt code").isNull();
        assertThat(sealing.open(tombstone).description()).isEmpty();
        assertThat(rowsContaining(filed.sealedContent)).as("the sealed content").isEmpty();
        assertThat(rowsContaining(filed.dataKey)).as("the wrapped data key").isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Report.findInvolving("casey.fictional@example.org"))).isEmpty();
        assertThat(WRITTEN).allSatisfy(word -> assertThat(rowsContaining(word)).as(word).isEmpty());
        assertThat(QuarkusTransaction.requiringNew().call(() -> Evidence.count("reportId", filed.id))).as("evidence").isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> IdempotencyRecord.count("reportId", filed.id))).as("first answers").isZero();
    }

    private static Report report(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> Report.findByReference(reference).orElseThrow());
    }

    private List<String> rowsContaining(String word) {
        try {
            return RawTables.rowsContaining(dataSource, word);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> rowsContaining(byte[] bytes) {
        try {
            return RawTables.rowsContaining(dataSource, bytes);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
