package org.safereport.intake;

import org.junit.jupiter.api.Test;
import org.safereport.testing.PackageDependencies;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The rooms of the README's package map: the submission knows no REST type, persistence knows neither. */
class PackageLayoutTest {

    private static final String ROOT = "org.safereport.intake";
    private static final PackageDependencies PACKAGES = PackageDependencies.read(Path.of("src/main/java"), ROOT);

    @Test
    void noPackageImportsOneThatImportsItBack() {
        assertThat(PACKAGES.cycles()).isEmpty();
    }

    @Test
    void theSubmissionAndPersistenceKnowNoRestType() {
        assertThat(PACKAGES.importedBy(ROOT + ".submission")).doesNotContain(ROOT + ".api", ROOT + ".api.web", ROOT + ".messaging");
        assertThat(PACKAGES.importedBy(ROOT + ".persistence")).allMatch(imported -> imported.startsWith(ROOT + ".domain")
                || imported.equals(ROOT + ".config"));
    }
}
