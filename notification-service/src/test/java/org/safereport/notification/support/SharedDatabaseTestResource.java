package org.safereport.notification.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.safereport.testing.PostgresTestResource;

import java.util.HashMap;
import java.util.Map;

/**
 * The database of {@link PostgresTestResource}, kept for the next application: each test profile's application
 * loads the test resources anew (a new embedded PostgreSQL each time), so the first one's connection settings
 * are kept in JVM-wide system properties and handed to the later ones. The restart test's two applications
 * thus share one database, as a restarted service does.
 */
public class SharedDatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "safereport.test.shared-database.";
    private static final String[] KEYS = {"quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password"};

    @Override
    public Map<String, String> start() {
        synchronized (System.class) {
            if (System.getProperty(PREFIX + KEYS[0]) == null) {
                // Starts the embedded server, which lives until the JVM exits, or names the external database.
                Map<String, String> first = new PostgresTestResource().start();
                for (String key : KEYS) {
                    System.setProperty(PREFIX + key, first.get(key));
                }
            }
            Map<String, String> settings = new HashMap<>();
            for (String key : KEYS) {
                settings.put(key, System.getProperty(PREFIX + key));
            }
            return settings;
        }
    }

    @Override
    public void stop() {
        // The database outlives this application: that is the point.
    }
}
