package db.migration;

import io.quarkus.arc.Arc;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.safereport.envelope.WrappedDataKey;
import org.safereport.escalation.audit.AddressDigests;
import org.safereport.escalation.persistence.CaseSealing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A removal request to someone outside the directory keeps a keyed hash of their address ({@link AddressDigests}),
 * so that the Chief Executive's export of that person's data finds it; the address itself stays sealed. The requests
 * made before are given theirs here, from their sealed address. Java, not SQL, because the keys are outside the
 * database; Flyway runs it in one transaction on PostgreSQL.
 */
public class V21__Removal_asked_address_digest extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE removal_request ADD COLUMN asked_email_digest BYTEA");
            statement.execute("CREATE INDEX removal_request_asked_email ON removal_request (asked_email_digest)"
                    + " WHERE asked_email_digest IS NOT NULL");
        }
        CaseSealing sealing = Arc.container().instance(CaseSealing.class).get();
        AddressDigests digests = Arc.container().instance(AddressDigests.class).get();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT r.id, r.case_id, c.data_key, c.key_id, r.sealed_asked_email
                  FROM removal_request r JOIN escalation_case c ON c.id = r.case_id
                 WHERE r.sealed_asked_email IS NOT NULL AND c.data_key IS NOT NULL""");
             PreparedStatement update = connection.prepareStatement("UPDATE removal_request SET asked_email_digest = ? WHERE id = ?");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String address = sealing.open(rows.getObject(2, UUID.class),
                        new WrappedDataKey(rows.getBytes(3), rows.getString(4)), CaseSealing.Text.REMOVAL_ASKED_EMAIL, rows.getBytes(5));
                update.setBytes(1, digests.of(address));
                update.setObject(2, rows.getObject(1, UUID.class));
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
