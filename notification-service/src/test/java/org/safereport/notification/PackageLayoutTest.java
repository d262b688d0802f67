package org.safereport.notification;

import org.junit.jupiter.api.Test;
import org.safereport.testing.PackageDependencies;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PackageLayoutTest {

    @Test
    void noPackageImportsOneThatImportsItBack() {
        assertThat(PackageDependencies.read(Path.of("src/main/java"), "org.safereport.notification").cycles()).isEmpty();
    }
}
