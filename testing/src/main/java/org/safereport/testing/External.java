package org.safereport.testing;

/** Reads a test setting from a system property, or from the matching environment variable. */
final class External {

    private External() {
    }

    /** {@code test.kafka.bootstrap-servers} is also read as {@code TEST_KAFKA_BOOTSTRAP_SERVERS}. */
    static String setting(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? null : value;
    }
}
