package org.safereport.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tools ops use on these files (kubectl, promtool) as they would. There is deliberately no
 * fallback and no skipping: without the tool these checks cannot run, and a green build that checked
 * nothing would be worse than a red one.
 */
final class CommandLine {

    private static final long TIMEOUT_SECONDS = 60;

    private CommandLine() {
    }

    /** {@code tool} on this process's PATH, or a failure that says how to install it. */
    static Path tool(String tool, String whyAndHow) {
        String searchPath = System.getenv().getOrDefault("PATH", "");
        return on(tool, searchPath).orElseThrow(() -> new IllegalStateException(
                tool + " is not on the PATH (" + searchPath + "). " + whyAndHow));
    }

    static Optional<Path> on(String tool, String searchPath) {
        return Arrays.stream(searchPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** What {@code executable} printed; a failure with what it printed when it exits with an error. */
    static String run(Path executable, String... arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(arguments));
        String described = String.join(" ", command);
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String output = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(described + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(described + " failed:\n" + output + errors.join());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
