package org.safereport.escalation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.persistence.CaseNote;
import org.safereport.escalation.persistence.CaseSealing;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V13 sealed what staff had written in clear: the schema as V12 left it is built in a schema of its own, given a
 * case with a note, an internal note on closing and a legal hold reason as the service then stored them, and
 * migrated; the rows then hold none of the words, and the case's data key opens every text.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class CaseTextsSealingMigrationTest {

    private static final String SCHEMA = "before_case_texts_sealed";
    private static final String NOTE = "Called Wilhelmina Hartigan-Snow back about the rota.";
    private static final String INTERNAL_NOTE = "Discussed at the Larkspur Lane supervision.";
    private static final String LEGAL_HOLD_REASON = "Tribunal claim by Barnaby Oyelaran-Pike expected.";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CaseSealing sealing;

    private Flyway migrationsUpTo(String version) {
        return Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("db/migration", "db/outbox")
                .outOfOrder(true).target(version).load();
    }

    @Test
    void whatStaffWroteInClearIsSealedUnderADataKeyPerCase() throws SQLException {
        UUID caseId = UUID.randomUUID();
        UUID caseWithoutTexts = UUID.randomUUID();
        migrationsUpTo("12").migrate();
        try (Connection connection = dataSource.getConnection()) {
            insertCase(connection, caseId, INTERNAL_NOTE, LEGAL_HOLD_REASON);
            insertCase(connection, caseWithoutTexts, null, null);
            try (PreparedStatement note = connection.prepareStatement("INSERT INTO " + SCHEMA
                    + ".case_note (case_id, author_id, written_at, text) VALUES (?, 'dsl', now(), ?)")) {
                note.setObject(1, caseId);
                note.setString(2, NOTE);
                note.executeUpdate();
            }
            migrationsUpTo("latest").migrate();

            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT c::text FROM " + SCHEMA + ".escalation_case c UNION ALL SELECT n::text FROM "
                         + SCHEMA + ".case_note n")) {
                while (rows.next()) {
                    assertThat(rows.getString(1)).doesNotContain("Wilhelmina", "Larkspur", "Barnaby");
                }
            }
            EscalationCase migrated = migratedCase(connection, caseId);
            CaseSealing.Opened texts = sealing.open(migrated);
            assertThat(texts.internalNote()).isEqualTo(INTERNAL_NOTE);
            assertThat(texts.legalHoldReason()).isEqualTo(LEGAL_HOLD_REASON);
            assertThat(texts.text(migratedNote(connection, caseId))).isEqualTo(NOTE);
            assertThat(migratedCase(connection, caseWithoutTexts).dataKey).as("no data key where nothing was written").isNull();
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        }
    }

    private static void insertCase(Connection connection, UUID caseId, String internalNote, String legalHoldReason) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA + ".escalation_case (id, report_id,"
                + " source_event_id, reference, category, routed_category, state, policy_version, policy_hash, directory_version,"
                + " submitted_at, opened_at, closed_at, closed_by, outcome, internal_note, legal_hold_since, legal_hold_by,"
                + " legal_hold_reason) VALUES (?, ?, ?, 'SM-1234-5678', 'GRIEVANCE', 'GRIEVANCE', 'CLOSED', '1', repeat('a', 64),"
                + " '1', now(), now(), now(), 'dsl', 'Advice given.', ?, now(), 'chief-executive', ?)")) {
            insert.setObject(1, caseId);
            insert.setObject(2, UUID.randomUUID());
            insert.setObject(3, UUID.randomUUID());
            insert.setString(4, internalNote);
            insert.setString(5, legalHoldReason);
            insert.executeUpdate();
        }
    }

    /** The migrated row as the entity holds it, read past Hibernate from the migration's own schema. */
    private static EscalationCase migratedCase(Connection connection, UUID caseId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT data_key, key_id, sealed_internal_note,"
                + " sealed_legal_hold_reason FROM " + SCHEMA + ".escalation_case WHERE id = ?")) {
            query.setObject(1, caseId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                EscalationCase escalationCase = new EscalationCase();
                escalationCase.id = caseId;
                escalationCase.dataKey = row.getBytes(1);
                escalationCase.keyId = row.getString(2);
                escalationCase.sealedInternalNote = row.getBytes(3);
                escalationCase.sealedLegalHoldReason = row.getBytes(4);
                return escalationCase;
            }
        }
    }

    private static CaseNote migratedNote(Connection connection, UUID caseId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT sealed_text FROM " + SCHEMA + ".case_note WHERE case_id = ?")) {
            query.setObject(1, caseId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                CaseNote note = new CaseNote();
                note.sealedText = row.getBytes(1);
                return note;
            }
        }
    }
}
