package org.safereport.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Java homes installed beside the one the build runs on, for the processes that need a newer Java. */
final class JavaHomes {

    static final Path SYSTEM_JVM_FOLDER = Path.of("/usr/lib/jvm");

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    private JavaHomes() {
    }

    /** The newest Java home of at least {@code minimumVersion} in {@code jvmFolder}, if there is one. */
    static Optional<Path> newest(Path jvmFolder, int minimumVersion) {
        return candidates(jvmFolder).stream()
                .filter(home -> version(home).orElse(0) >= minimumVersion)
                .max(Comparator.comparingInt((Path home) -> version(home).orElse(0)).thenComparing(Path::toString));
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
