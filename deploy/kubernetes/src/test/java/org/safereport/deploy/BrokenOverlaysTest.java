package org.safereport.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safereport.deploy.Manifests.SOURCES;
import static org.safereport.deploy.Manifests.render;

/**
 * The checks would fail a broken deployment: each folder in src/test/resources/broken-overlays is the
 * production overlay with one thing broken (a probe, a topic, an ACL, a mount path, a route, ...), and
 * names in its "# expect:" lines the problems the checks must report for it.
 */
class BrokenOverlaysTest {

    private static final Path BROKEN = Manifests.MODULE.resolve("src/test/resources/broken-overlays");

    static Stream<String> brokenOverlays() {
        try (Stream<Path> folders = Files.list(BROKEN)) {
            return folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("brokenOverlays")
    void isRejectedWithTheExpectedProblems(String name) {
        Path folder = BROKEN.resolve(name);
        List<String> expected = expectations(folder);
        assertThat(expected).as("the # expect: lines of " + folder.resolve("kustomization.yaml")).isNotEmpty();

        List<String> problems = Invariants.problems(render(folder), SOURCES);

        for (String problem : expected) {
            assertThat(problems).as("problems found in broken overlay " + name)
                    .anySatisfy(found -> assertThat(found).contains(problem));
        }
    }

    @Test
    void theProductionOverlayTheyBreakHoldsEveryInvariant() {
        assertThat(Invariants.problems(render("overlays/production"), SOURCES)).isEmpty();
    }

    @Test
    void coversAMissingProbeAMissingTopicAndAWrongMountPath() {
        assertThat(brokenOverlays().toList())
                .contains("no-readiness-probe", "missing-topic", "missing-dead-letter-topic", "wrong-policy-mount-path",
                        "wrong-kafka-truststore-mount-path", "policy-mounted-with-subpath");
    }

    private static List<String> expectations(Path folder) {
        try {
            return Files.readAllLines(folder.resolve("kustomization.yaml")).stream()
                    .filter(line -> line.startsWith("# expect: "))
                    .map(line -> line.substring("# expect: ".length()).trim())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
