package org.safereport.escalation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.safereport.envelope.DataKey;
import org.safereport.escalation.audit.AddressDigests;
import org.safereport.escalation.persistence.CaseSealing;
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
 * V21 gave the removal requests made before it the keyed hash of the asked person's address, from the address
 * sealed on the request: the schema as V20 left it is built in a schema of its own, given a request to someone
 * outside the directory and one to a member, and migrated.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class RemovalAddressDigestMigrationTest {

    private static final String SCHEMA = "before_removal_address_digest";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CaseSealing sealing;

    @Inject
    AddressDigests digests;

    private Flyway migrationsUpTo(String version) {
        return Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("db/migration", "db/outbox")
                .outOfOrder(true).target(version).load();
    }

    @Test
    void aRequestToSomeoneOutsideTheDirectoryIsGivenTheHashOfTheirSealedAddress() throws SQLException {
        UUID caseId = UUID.randomUUID();
        UUID toOutside = UUID.randomUUID();
        UUID toMember = UUID.randomUUID();
        migrationsUpTo("20").migrate();
        try (Connection connection = dataSource.getConnection()) {
            DataKey key = sealing.newDataKey();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA + ".escalation_case (id, report_id,"
                    + " source_event_id, reference, category, routed_category, state, policy_version, policy_hash, directory_version,"
                    + " submitted_at, opened_at, data_key, key_id) VALUES (?, ?, ?, 'SM-2345-6789', 'POLICY_BREACH', 'POLICY_BREACH',"
                    + " 'OPEN', '1', repeat('a', 64), '1', now(), now(), ?, ?)")) {
                insert.setObject(1, caseId);
                insert.setObject(2, UUID.randomUUID());
                insert.setObject(3, UUID.randomUUID());
                insert.setBytes(4, key.wrapped().bytes());
                insert.setString(5, key.wrapped().keyId());
                insert.executeUpdate();
            }
            insertRequest(connection, key, caseId, toOutside, 1, null, "Quinn.Harrowgate@Example.org");
            insertRequest(connection, key, caseId, toMember, 2, "volunteer", null);

            migrationsUpTo("latest").migrate();

            assertThat(digestOf(connection, toOutside)).isEqualTo(digests.of("quinn.harrowgate@example.org"));
            assertThat(digestOf(connection, toMember)).as("a member is found by their directory id").isNull();
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        }
    }

    private void insertRequest(Connection connection, DataKey key, UUID caseId, UUID requestId, int number, String askedPersonId,
                               String askedEmail) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA + ".removal_request (id, case_id, number,"
                + " requested_by, requested_at, sealed_platform, sealed_location, asked_person_id, sealed_asked_email, due_at, remind_at,"
                + " state) VALUES (?, ?, ?, 'dsl', now(), ?, ?, ?, ?, now() + interval '1 day', now() + interval '18 hours', 'REQUESTED')")) {
            insert.setObject(1, requestId);
            insert.setObject(2, caseId);
            insert.setInt(3, number);
            insert.setBytes(4, CaseSealing.seal(key, caseId, CaseSealing.Text.REMOVAL_PLATFORM, "A forum"));
            insert.setBytes(5, CaseSealing.seal(key, caseId, CaseSealing.Text.REMOVAL_LOCATION, "The thread about the summer trip"));
            insert.setString(6, askedPersonId);
            insert.setBytes(7, askedEmail == null ? null : CaseSealing.seal(key, caseId, CaseSealing.Text.REMOVAL_ASKED_EMAIL, askedEmail));
            insert.executeUpdate();
        }
    }

    private static byte[] digestOf(Connection connection, UUID requestId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT asked_email_digest FROM " + SCHEMA + ".removal_request WHERE id = ?")) {
            query.setObject(1, requestId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }
}
