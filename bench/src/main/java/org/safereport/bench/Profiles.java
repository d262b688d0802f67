package org.safereport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Java Flight Recorder profiles of the services under load ({@code BENCH_PROFILE=1}), saved with the run's
 * results so that a figure can be traced to where its CPU went ({@code jfr view hot-methods <file>}).
 */
final class Profiles {

    static final String FOLDER = "profiles";

    private Profiles() {
    }

    /**
     * The environment that makes every service's JVM record from its start until it stops. The launcher
     * reads {@code JDK_JAVA_OPTIONS} before its command line, so the stack's own options stay as they are.
     * A folder as the file name gives each process its own file, named after its pid.
     */
    static Map<String, String> recordInto(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("JDK_JAVA_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename=" + folder.toAbsolutePath() + "/");
    }

    /**
     * Renames each recording of a process the benchmark measured to that process's name; the recordings of
     * the first starts, before each service was restarted to time its readiness, keep their pid names.
     * Writes {@code summary.txt} beside them: where each service's CPU went, by component ({@link ProfileSummary}).
     */
    static void nameByService(Path folder, Map<String, LongSupplier> pids) throws IOException {
        List<Path> named = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                for (Map.Entry<String, LongSupplier> process : pids.entrySet()) {
                    if (file.getFileName().toString().startsWith("hotspot-pid-" + process.getValue().getAsLong() + "-")) {
                        Path name = folder.resolve(process.getKey().replaceAll("[^a-z-]", "") + ".jfr");
                        Files.move(file, name);
                        named.add(name);
                    }
                }
            }
        }
        Files.writeString(folder.resolve("summary.txt"), ProfileSummary.describe(named));
    }
}
