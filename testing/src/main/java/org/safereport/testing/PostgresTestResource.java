package org.safereport.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.safereport.local.PostgresServer;

import java.util.Map;

/**
 * Gives the service under test a real PostgreSQL database: from embedded binaries started once per JVM,
 * or, when {@value #EXTERNAL_URL} (or {@code TEST_JDBC_URL}) is set, the external database it names,
 * with {@code test.jdbc.username} and {@code test.jdbc.password}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String EXTERNAL_URL = "test.jdbc.url";

    private static PostgresServer server;

    @Override
    public Map<String, String> start() {
        String external = External.setting(EXTERNAL_URL);
        if (external != null) {
            return Map.of("quarkus.datasource.jdbc.url", external,
                    "quarkus.datasource.username", valueOr(External.setting("test.jdbc.username"), "postgres"),
                    "quarkus.datasource.password", valueOr(External.setting("test.jdbc.password"), ""));
        }
        return Map.of("quarkus.datasource.jdbc.url", embeddedJdbcUrl(),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "test");
    }

    private static synchronized String embeddedJdbcUrl() {
        try {
            if (server == null) {
                server = PostgresServer.start(null, 0, null);
                Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestResource::stopServer, "embedded-postgres-stop"));
            }
            return server.jdbcUrl("service_test");
        } catch (Exception e) {
            throw new IllegalStateException("could not start embedded PostgreSQL", e);
        }
    }

    private static synchronized void stopServer() {
        try {
            server.close();
        } catch (Exception e) {
            // The JVM is exiting; embedded-postgres removes its temporary folder itself.
        }
    }

    private static String valueOr(String value, String fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public void stop() {
        // The server lives as long as the JVM: several Quarkus test applications may share it.
    }
}
