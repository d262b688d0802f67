package org.safereport.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java that Keycloak runs on. Keycloak 26 needs Java 21 or newer, while the build and the services run
 * on the machines' default 17, so the newest Java home of at least 21 in the system JVM folder is taken,
 * unless {@value #JAVA_HOME_VARIABLE} names one.
 */
final class KeycloakJava {

    static final String JAVA_HOME_VARIABLE = "SAFEREPORT_KEYCLOAK_JAVA_HOME";
    static final int MINIMUM_VERSION = 21;
    static final Path SYSTEM_JVM_FOLDER = Path.of("/usr/lib/jvm");

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    private KeycloakJava() {
    }

    /** The Java home to run Keycloak with; fails with what to set when there is none. */
    static Path home() {
        return find(System.getenv(JAVA_HOME_VARIABLE), SYSTEM_JVM_FOLDER);
    }

    static Path find(String configuredHome, Path jvmFolder) {
        if (configuredHome != null && !configuredHome.isBlank()) {
            Path home = Path.of(configuredHome);
            OptionalInt version = version(home);
            if (version.isEmpty() || version.getAsInt() < MINIMUM_VERSION) {
                throw new IllegalStateException(JAVA_HOME_VARIABLE + "=" + configuredHome + " is not the home of a Java "
                        + MINIMUM_VERSION + " or newer (" + (version.isEmpty() ? "no bin/java with a release file" : "Java " + version.getAsInt())
                        + "), which Keycloak needs");
            }
            return home;
        }
        return candidates(jvmFolder).stream()
                .filter(home -> version(home).orElse(0) >= MINIMUM_VERSION)
                .max(Comparator.comparingInt((Path home) -> version(home).orElse(0)).thenComparing(Path::toString))
                .orElseThrow(() -> new IllegalStateException("Keycloak needs Java " + MINIMUM_VERSION + " or newer, and "
                        + jvmFolder + " has none: install one (e.g. a Temurin JDK) or set " + JAVA_HOME_VARIABLE
                        + " to its home"));
    }

    private static List<Path> candidates(Path jvmFolder) {
        try (Stream<Path> homes = Files.list(jvmFolder)) {
            return homes.toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + jvmFolder, e);
        }
    }

    /** The feature version of the Java in {@code home} ("21" of "21.0.4"), read from its release file. */
    static OptionalInt version(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return OptionalInt.empty();
        }
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                Matcher version = JAVA_VERSION.matcher(line);
                if (version.find()) {
                    return OptionalInt.of(Integer.parseInt(version.group(1)));
                }
            }
            return OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }
}
