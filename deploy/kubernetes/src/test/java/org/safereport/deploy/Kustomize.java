package org.safereport.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory the way ops do, with {@code kubectl kustomize}. There is deliberately no
 * fallback and no skipping: without kubectl these checks cannot run, and a green build that checked
 * nothing would be worse than a red one.
 */
final class Kustomize {

    private static final long TIMEOUT_SECONDS = 60;

    private Kustomize() {
    }

    /** The rendered YAML of {@code directory}, using the kubectl on this process's PATH. */
    static String render(Path directory) {
        return render(directory, System.getenv().getOrDefault("PATH", ""));
    }

    static String render(Path directory, String searchPath) {
        Path kubectl = kubectlOn(searchPath).orElseThrow(() -> new IllegalStateException(
                "kubectl is not on the PATH (" + searchPath + "). The Kubernetes manifests in deploy/kubernetes are"
                        + " checked by rendering them with `kubectl kustomize`, exactly as ops apply them; install"
                        + " kubectl 1.27 or newer (Kustomize v5 is built in) from your distribution's packages and"
                        + " run the build again."));
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString()).start();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String output = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + directory + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed:\n" + errors.join());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Optional<Path> kubectlOn(String searchPath) {
        return Arrays.stream(searchPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
