package org.safereport.escalation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.AcknowledgementToken;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

/**
 * V9 replaced short codes and tokens stored in clear by the code's hash: a code texted before it still leads to
 * its signed link. The schema as V8 left it is built in a schema of its own, given a row as the service then
 * stored it, and migrated; the service then follows the code from the migrated row.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class ShortLinkHashingMigrationTest {

    private static final String SCHEMA = "before_short_link_hashes";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EscalationConfig config;

    @Inject
    AdjustableClock clock;

    private Flyway migrationsUpTo(String version) {
        return Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("db/migration", "db/outbox")
                .outOfOrder(true).target(version).load();
    }

    @Test
    void aShortCodeTextedBeforeTheHashingStillLeadsToItsSignedLink() throws SQLException {
        String code = "k7m2p9q4r8";
        String token = new AcknowledgementToken(UUID.randomUUID(), 2, "deputy-dsl",
                clock.instant().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS))
                .sign(config.acknowledgement().signingKeyBytes());
        migrationsUpTo("8").migrate();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement sent = connection.prepareStatement(
                    "INSERT INTO " + SCHEMA + ".short_acknowledgement_link (code, token, expires_at) VALUES (?, ?, ?)")) {
                sent.setString(1, code);
                sent.setString(2, token);
                sent.setTimestamp(3, Timestamp.from(clock.instant().plus(Duration.ofDays(7))));
                sent.executeUpdate();
            }
            migrationsUpTo("latest").migrate();
            try (Statement statement = connection.createStatement();
                 ResultSet migrated = statement.executeQuery("SELECT link::text FROM " + SCHEMA + ".short_acknowledgement_link link")) {
                assertThat(migrated.next()).isTrue();
                assertThat(migrated.getString(1)).doesNotContain(code, token.substring(0, token.indexOf('.')));
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO short_acknowledgement_link SELECT * FROM " + SCHEMA + ".short_acknowledgement_link");
                statement.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        }

        given().redirects().follow(false).when().get("/a/" + code).then().statusCode(303).header("Location", endsWith("/ack/" + token));
    }
}
