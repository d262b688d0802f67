package org.safereport.local;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The Java that Keycloak runs on. Keycloak 26 needs Java 21 or newer, while the build and the services run
 * on the machines' default 17, so the newest Java home of at least 21 in the system JVM folder is taken
 * ({@link JavaHomes}), unless {@value #JAVA_HOME_VARIABLE} names one.
 */
final class KeycloakJava {

    static final String JAVA_HOME_VARIABLE = "SAFEREPORT_KEYCLOAK_JAVA_HOME";
    static final int MINIMUM_VERSION = 21;

    private KeycloakJava() {
    }

    /** The Java home to run Keycloak with; fails with what to set when there is none. */
    static Path home() {
        return find(System.getenv(JAVA_HOME_VARIABLE), JavaHomes.SYSTEM_JVM_FOLDER);
    }

    static Path find(String configuredHome, Path jvmFolder) {
        if (configuredHome != null && !configuredHome.isBlank()) {
            Path home = Path.of(configuredHome);
            OptionalInt version = JavaHomes.version(home);
            if (version.isEmpty() || version.getAsInt() < MINIMUM_VERSION) {
                throw new IllegalStateException(JAVA_HOME_VARIABLE + "=" + configuredHome + " is not the home of a Java "
                        + MINIMUM_VERSION + " or newer (" + (version.isEmpty() ? "no bin/java with a release file" : "Java " + version.getAsInt())
                        + "), which Keycloak needs");
            }
            return home;
        }
        return JavaHomes.newest(jvmFolder, MINIMUM_VERSION)
                .orElseThrow(() -> new IllegalStateException("Keycloak needs Java " + MINIMUM_VERSION + " or newer, and "
                        + jvmFolder + " has none: install one (e.g. a Temurin JDK) or set " + JAVA_HOME_VARIABLE
                        + " to its home"));
    }
}
