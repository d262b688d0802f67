package org.safereport.intake;

import db.migration.V6__Report_content_encrypted;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.safereport.intake.domain.Platform;
import org.safereport.intake.persistence.Report;
import org.safereport.intake.persistence.ReportContent;
import org.safereport.intake.persistence.ReportSealing;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V6 against rows stored in clear by the schema before it (V1 to V4, in a schema of its own): every
 * report and file is encrypted, and the plaintext columns are gone.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class ReportContentMigrationTest {

    private static final List<String> BEFORE_ENCRYPTION = List.of("V1__report.sql", "V2__report_subject_and_risk.sql",
            "V3__form_evidence_status_policy.sql", "V4__evidence_read_in_slices.sql");

    @Inject
    DataSource dataSource;

    @Inject
    ReportSealing sealing;

    @Test
    void reportsAndEvidenceStoredInClearAreEncryptedAndTheirPlaintextColumnsDropped() throws Exception {
        UUID reportId = UUID.randomUUID();
        UUID evidenceId = UUID.randomUUID();
        byte[] file = TestData.png("Taken outside the Larkspur Lane office");
        String schema = "before_encryption_" + Long.toHexString(System.nanoTime());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
                statement.execute("SET LOCAL search_path TO " + schema);
                for (String migration : BEFORE_ENCRYPTION) {
                    statement.execute(resource("/db/migration/" + migration));
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO report (id, reference, category, description, reporter_name, reporter_email, reporter_phone,
                        status, submitted_at, subject_name, subject_email, occurred_on, occurred_time, platform,
                        platform_other, links)
                    VALUES (?, 'SM-MIGR-0001', 'GRIEVANCE', 'Perpetua Flinders shared my shift notes.', 'Oswin Carraway',
                        'Oswin.Carraway@example.org', '+44 7700 900317', 'RECEIVED', now(), 'Perpetua Flinders',
                        'perpetua.flinders@example.org', DATE '2026-10-02', TIME '08:30', 'OTHER', 'the Larkspur noticeboard',
                        E'https://example.org/a\\nhttps://example.org/b')""")) {
                insert.setObject(1, reportId);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO evidence (id, report_id, position, media_type, size_bytes, content) VALUES (?, ?, 0, 'image/png', ?, ?)")) {
                insert.setObject(1, evidenceId);
                insert.setObject(2, reportId);
                insert.setInt(3, file.length);
                insert.setBytes(4, file);
                insert.executeUpdate();
            }

            new V6__Report_content_encrypted().migrate(contextOf(connection));

            assertThat(columns(connection, schema)).doesNotContain("description", "reporter_name", "reporter_email",
                    "reporter_phone", "subject_name", "subject_email", "occurred_on", "occurred_time", "platform",
                    "platform_other", "links");
            for (String table : List.of("report", "evidence")) {
                String rows = rowsAsText(connection, table);
                assertThat(rows).as(table).doesNotContain("Perpetua", "Flinders", "Oswin", "Carraway", "900317", "Larkspur",
                        "example.org", java.util.HexFormat.of().formatHex(file, 8, 40));
            }
            Report report = new Report();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT sealed_content, data_key, key_id FROM report WHERE id = ?")) {
                query.setObject(1, reportId);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    report.id = reportId;
                    report.sealedContent = row.getBytes(1);
                    report.dataKey = row.getBytes(2);
                    report.keyId = row.getString(3);
                }
            }
            assertThat(sealing.open(report)).isEqualTo(new ReportContent("Perpetua Flinders shared my shift notes.",
                    LocalDate.of(2026, 10, 2), LocalTime.of(8, 30), Platform.OTHER, "the Larkspur noticeboard",
                    List.of("https://example.org/a", "https://example.org/b"), "Oswin Carraway", "Oswin.Carraway@example.org",
                    "+44 7700 900317", "Perpetua Flinders", "perpetua.flinders@example.org"));
            assertThat(indexOf(connection, "reporter_email_index", reportId)).isEqualTo(sealing.emailIndex("oswin.carraway@example.org"));
            assertThat(indexOf(connection, "subject_email_index", reportId)).isEqualTo(sealing.emailIndex("perpetua.flinders@example.org"));
            try (PreparedStatement query = connection.prepareStatement("SELECT content FROM evidence WHERE id = ?")) {
                query.setObject(1, evidenceId);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    assertThat(sealing.dataKeyOf(report.dataKey, report.keyId)
                            .open(row.getBytes(1), ReportSealing.evidenceContext(evidenceId))).isEqualTo(file);
                }
            }
            connection.rollback();
        }
    }

    private static byte[] indexOf(Connection connection, String column, UUID reportId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + column + " FROM report WHERE id = ?")) {
            query.setObject(1, reportId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }

    private static List<String> columns(Connection connection, String schema) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = 'report'")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        assertThat(columns).contains("sealed_content", "data_key", "key_id", "reference", "category", "submitted_at");
        return columns;
    }

    private static String rowsAsText(Connection connection, String table) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
            while (rows.next()) {
                text.append(rows.getString(1)).append('\n');
            }
        }
        assertThat(text).isNotEmpty();
        return text.toString();
    }

    private static String resource(String path) throws IOException {
        try (InputStream input = ReportContentMigrationTest.class.getResourceAsStream(path)) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Context contextOf(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                throw new UnsupportedOperationException("the migration reads no Flyway configuration");
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
