package db.migration;

import io.quarkus.arc.Arc;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.safereport.envelope.DataKey;
import org.safereport.escalation.persistence.CaseSealing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Encryption at rest (issue 15): what staff wrote about a case (its notes, the internal note on closing, the
 * legal hold's reason) moves from plaintext columns into sealed ones, under a data key per case
 * ({@link CaseSealing}) made for the cases that hold any of it; then the plaintext columns are dropped. Java,
 * not SQL, because the keys are outside the database. Flyway runs it in one transaction on PostgreSQL: it
 * converts every row or none. The dropped values stay in dead tuples until PostgreSQL vacuums them, and in
 * older backups: the README ("Data protection") says what ops do about both.
 */
public class V13__Case_texts_encrypted extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        CaseSealing sealing = Arc.container().instance(CaseSealing.class).get();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    ALTER TABLE escalation_case
                        ADD COLUMN data_key                 BYTEA,
                        ADD COLUMN key_id                   TEXT,
                        ADD COLUMN sealed_internal_note     BYTEA,
                        ADD COLUMN sealed_legal_hold_reason BYTEA""");
            statement.execute("ALTER TABLE case_note ADD COLUMN sealed_text BYTEA");
        }
        for (UUID caseId : ids(connection, """
                SELECT id FROM escalation_case
                 WHERE internal_note IS NOT NULL OR legal_hold_reason IS NOT NULL
                    OR EXISTS (SELECT 1 FROM case_note WHERE case_note.case_id = escalation_case.id)""")) {
            DataKey key = sealCase(connection, sealing, caseId);
            sealNotes(connection, key, caseId);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE escalation_case DROP COLUMN internal_note, DROP COLUMN legal_hold_reason");
            statement.execute("ALTER TABLE case_note DROP COLUMN text, ALTER COLUMN sealed_text SET NOT NULL");
            // Rotation: the cases whose data key is not under the primary key.
            statement.execute("CREATE INDEX escalation_case_key_id ON escalation_case (key_id)");
        }
    }

    private static DataKey sealCase(Connection connection, CaseSealing sealing, UUID caseId) throws SQLException {
        String internalNote;
        String legalHoldReason;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT internal_note, legal_hold_reason FROM escalation_case WHERE id = ?")) {
            query.setObject(1, caseId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                internalNote = row.getString(1);
                legalHoldReason = row.getString(2);
            }
        }
        DataKey key = sealing.newDataKey();
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE escalation_case SET data_key = ?, key_id = ?, sealed_internal_note = ?, sealed_legal_hold_reason = ?
                 WHERE id = ?""")) {
            update.setBytes(1, key.wrapped().bytes());
            update.setString(2, key.wrapped().keyId());
            update.setBytes(3, sealed(key, caseId, CaseSealing.Text.INTERNAL_NOTE, internalNote));
            update.setBytes(4, sealed(key, caseId, CaseSealing.Text.LEGAL_HOLD_REASON, legalHoldReason));
            update.setObject(5, caseId);
            update.executeUpdate();
        }
        return key;
    }

    private static void sealNotes(Connection connection, DataKey key, UUID caseId) throws SQLException {
        List<Long> noteIds = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, text FROM case_note WHERE case_id = ?")) {
            query.setObject(1, caseId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    noteIds.add(rows.getLong(1));
                    texts.add(rows.getString(2));
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE case_note SET sealed_text = ? WHERE id = ?")) {
            for (int i = 0; i < noteIds.size(); i++) {
                update.setBytes(1, CaseSealing.seal(key, caseId, CaseSealing.Text.NOTE, texts.get(i)));
                update.setLong(2, noteIds.get(i));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static byte[] sealed(DataKey key, UUID caseId, CaseSealing.Text text, String plaintext) {
        return plaintext == null ? null : CaseSealing.seal(key, caseId, text, plaintext);
    }

    private static List<UUID> ids(Connection connection, String query) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
