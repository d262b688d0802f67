package org.safereport.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceJavaTest {

    @TempDir
    Path jvms;

    @Test
    void takesTheNewestJavaOf25OrMoreInTheJvmFolder() throws Exception {
        Path running = FakeJavaHome.create(jvms, "java-17-openjdk-amd64", "17.0.15");
        FakeJavaHome.create(jvms, "temurin-21-jdk-amd64", "21.0.4");
        Path newest = FakeJavaHome.create(jvms, "temurin-25-jdk-amd64", "25.0.3");

        ServiceJava java = ServiceJava.find(null, jvms, new ServiceJava(running, 17));

        assertThat(java).isEqualTo(new ServiceJava(newest, 25));
        assertThat(java.hasAotCache()).isTrue();
        assertThat(java.executable()).isEqualTo(newest.resolve("bin/java").toString());
    }

    @Test
    void staysOnTheStacksOwnJavaWithoutACacheWhenNoJavaOf25IsFound() throws Exception {
        Path running = FakeJavaHome.create(jvms, "java-17-openjdk-amd64", "17.0.15");
        FakeJavaHome.create(jvms, "temurin-21-jdk-amd64", "21.0.4");

        ServiceJava java = ServiceJava.find(null, jvms, new ServiceJava(running, 17));

        assertThat(java).isEqualTo(new ServiceJava(running, 17));
        assertThat(java.hasAotCache()).isFalse();
        assertThat(java.withoutCacheNotice()).contains("Java 17").contains("Java 25 or newer").contains(ServiceJava.JAVA_HOME_VARIABLE);
        assertThat(ServiceJava.find(null, jvms.resolve("missing"), new ServiceJava(running, 17))).isEqualTo(new ServiceJava(running, 17));
    }

    @Test
    void theVariableWinsOverTheJvmFolderEvenWithAnOlderJava() throws Exception {
        FakeJavaHome.create(jvms, "temurin-25-jdk-amd64", "25.0.3");
        Path configured = FakeJavaHome.create(jvms, "java-17-openjdk-amd64", "17.0.15");

        ServiceJava java = ServiceJava.find(configured.toString(), jvms, new ServiceJava(configured, 17));

        assertThat(java).isEqualTo(new ServiceJava(configured, 17));
        assertThat(java.hasAotCache()).isFalse();
    }

    @Test
    void refusesAVariableThatNamesNoJava() {
        assertThatThrownBy(() -> ServiceJava.find(jvms.resolve("nothing").toString(), jvms, null))
                .hasMessageContaining(ServiceJava.JAVA_HOME_VARIABLE).hasMessageContaining("not the home of a Java");
    }
}
