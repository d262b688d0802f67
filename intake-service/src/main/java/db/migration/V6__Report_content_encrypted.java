package db.migration;

import io.quarkus.arc.Arc;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.safereport.envelope.DataKey;
import org.safereport.intake.domain.Platform;
import org.safereport.intake.persistence.ReportContent;
import org.safereport.intake.persistence.ReportSealing;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Encryption at rest (issue 15): what reporters wrote moves from plaintext columns into the report's
 * sealed content, and evidence bytes are encrypted, each report under its own data key
 * ({@link ReportSealing}); then the plaintext columns are dropped. Java, not SQL, because the keys are
 * outside the database. Flyway runs it in one transaction on PostgreSQL: it converts every row or none.
 * The dropped values stay in dead tuples until PostgreSQL vacuums them, and in older backups: the README
 * ("Data protection") says what ops do about both.
 */
public class V6__Report_content_encrypted extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        ReportSealing sealing = Arc.container().instance(ReportSealing.class).get();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    ALTER TABLE report
                        ADD COLUMN sealed_content       BYTEA,
                        ADD COLUMN data_key             BYTEA,
                        ADD COLUMN key_id               TEXT,
                        ADD COLUMN reporter_email_index BYTEA,
                        ADD COLUMN subject_email_index  BYTEA""");
        }
        for (UUID reportId : ids(connection, "SELECT id FROM report")) {
            DataKey key = sealReport(connection, sealing, reportId);
            for (UUID evidenceId : ids(connection, "SELECT id FROM evidence WHERE report_id = ?", reportId)) {
                sealEvidence(connection, key, evidenceId);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    ALTER TABLE report
                        DROP COLUMN description, DROP COLUMN occurred_on, DROP COLUMN occurred_time,
                        DROP COLUMN platform, DROP COLUMN platform_other, DROP COLUMN links,
                        DROP COLUMN reporter_name, DROP COLUMN reporter_email, DROP COLUMN reporter_phone,
                        DROP COLUMN subject_name, DROP COLUMN subject_email,
                        ALTER COLUMN sealed_content SET NOT NULL,
                        ALTER COLUMN data_key SET NOT NULL,
                        ALTER COLUMN key_id SET NOT NULL""");
            // Person look-ups (everything about one email address) and rotation (data keys not under the primary key).
            statement.execute("CREATE INDEX report_reporter_email_index ON report (reporter_email_index)");
            statement.execute("CREATE INDEX report_subject_email_index ON report (subject_email_index)");
            statement.execute("CREATE INDEX report_key_id ON report (key_id)");
        }
    }

    private static DataKey sealReport(Connection connection, ReportSealing sealing, UUID reportId) throws SQLException {
        ReportContent content;
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT description, occurred_on, occurred_time, platform, platform_other, links, reporter_name,
                       reporter_email, reporter_phone, subject_name, subject_email FROM report WHERE id = ?""")) {
            query.setObject(1, reportId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                Date occurredOn = row.getDate(2);
                Time occurredTime = row.getTime(3);
                String platform = row.getString(4);
                String links = row.getString(6);
                content = new ReportContent(row.getString(1), occurredOn == null ? null : occurredOn.toLocalDate(),
                        occurredTime == null ? null : occurredTime.toLocalTime(),
                        platform == null ? null : Platform.valueOf(platform), row.getString(5),
                        links == null ? List.of() : Arrays.asList(links.split("\n")),
                        row.getString(7), row.getString(8), row.getString(9), row.getString(10), row.getString(11));
            }
        }
        ReportSealing.Sealed sealed = sealing.seal(reportId, content);
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE report SET sealed_content = ?, data_key = ?, key_id = ?, reporter_email_index = ?,
                                  subject_email_index = ? WHERE id = ?""")) {
            update.setBytes(1, sealed.content());
            update.setBytes(2, sealed.key().wrapped().bytes());
            update.setString(3, sealed.key().wrapped().keyId());
            update.setBytes(4, sealed.reporterEmailIndex());
            update.setBytes(5, sealed.subjectEmailIndex());
            update.setObject(6, reportId);
            update.executeUpdate();
        }
        return sealed.key();
    }

    /** One file at a time (up to 10 MB): never a report's files together in memory. */
    private static void sealEvidence(Connection connection, DataKey key, UUID evidenceId) throws SQLException {
        byte[] content;
        try (PreparedStatement query = connection.prepareStatement("SELECT content FROM evidence WHERE id = ?")) {
            query.setObject(1, evidenceId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                content = row.getBytes(1);
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE evidence SET content = ? WHERE id = ?")) {
            update.setBytes(1, key.seal(content, ReportSealing.evidenceContext(evidenceId)));
            update.setObject(2, evidenceId);
            update.executeUpdate();
        }
    }

    private static List<UUID> ids(Connection connection, String query, Object... parameters) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }
}
