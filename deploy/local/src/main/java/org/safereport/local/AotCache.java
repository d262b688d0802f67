package org.safereport.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The ahead-of-time cache (JEP 483, 514, 515) of one build of a service on one Java: the classes it loads,
 * already parsed and linked, and its methods' profiles. It lives beside the built jar, in
 * {@code target/quarkus-app/aot-cache/}, named for a digest of the build's files, the Java's release and the
 * JVM options: a rebuilt service or another Java finds no cache rather than a stale one, which the JVM would
 * only refuse with a warning.
 *
 * <p>A start that finds no cache is its training run: the JVM records what the service loads and runs, and
 * writes the cache as it exits. The file is kept only when the process ended gracefully, so that a killed run
 * never leaves half a cache; the next start uses it.
 */
final class AotCache {

    static final String FOLDER = "aot-cache";
    private static final String SUFFIX = ".aot";

    private final Path folder;
    private final String key;

    private AotCache(Path folder, String key) {
        this.folder = folder;
        this.key = key;
    }

    /** The cache of the build in {@code appFolder} (target/quarkus-app) run on {@code java} with {@code jvmOptions}. */
    static AotCache of(Path appFolder, ServiceJava java, List<String> jvmOptions) {
        MessageDigest digest = sha256();
        update(digest, java.home().toAbsolutePath().toString());
        update(digest, read(java.home().resolve("release")));
        jvmOptions.forEach(option -> update(digest, option));
        Path folder = appFolder.resolve(FOLDER);
        // Size and modification time, as the JVM's own check does: a build rewrites the files it changes.
        try (Stream<Path> files = Files.walk(appFolder)) {
            for (Path file : files.filter(Files::isRegularFile).filter(file -> !file.startsWith(folder)).sorted().toList()) {
                update(digest, appFolder.relativize(file) + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the build in " + appFolder, e);
        }
        return new AotCache(folder, HexFormat.of().formatHex(digest.digest(), 0, 8));
    }

    Path file() {
        return folder.resolve(key + SUFFIX);
    }

    boolean exists() {
        return Files.isRegularFile(file());
    }

    /** A training run's own file: replicas of a service may train at the same time. */
    Training startTraining() {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + folder, e);
        }
        return new Training(folder.resolve(key + "-training-" + UUID.randomUUID() + SUFFIX));
    }

    /** The cache a training run writes as its JVM exits. */
    final class Training {

        private final Path output;

        private Training(Path output) {
            this.output = output;
        }

        Path output() {
            return output;
        }

        /** Makes the written cache the build's, and deletes the caches of earlier builds; nothing when none was written. */
        void keep() {
            try {
                if (!Files.isRegularFile(output) || Files.size(output) == 0) {
                    discard();
                    return;
                }
                Files.move(output, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                try (Stream<Path> caches = Files.list(folder)) {
                    for (Path stale : caches.filter(cache -> !cache.getFileName().toString().startsWith(key)).toList()) {
                        Files.deleteIfExists(stale);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not keep the ahead-of-time cache " + output, e);
            }
        }

        void discard() {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + output, e);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
