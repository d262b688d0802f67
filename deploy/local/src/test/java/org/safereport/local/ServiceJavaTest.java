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
    void theServicesRunOnTheStacksOwnJavaWithoutACacheUnlessTheVariableNamesAnother() throws Exception {
        ServiceJava running = new ServiceJava(FakeJavaHome.create(jvms, "java-17-openjdk-amd64", "17.0.15"), 17);
        FakeJavaHome.create(jvms, "temurin-25-jdk-amd64", "25.0.3");

        ServiceJava java = ServiceJava.find(null, running);

        assertThat(java).isEqualTo(running);
        assertThat(java.hasAotCache()).isFalse();
        assertThat(java.executable()).isEqualTo(jvms.resolve("java-17-openjdk-amd64/bin/java").toString());
    }

    @Test
    void aJava25NamedByTheVariableStartsThemFromACache() throws Exception {
        ServiceJava running = new ServiceJava(FakeJavaHome.create(jvms, "java-17-openjdk-amd64", "17.0.15"), 17);
        Path configured = FakeJavaHome.create(jvms, "temurin-25-jdk-amd64", "25.0.3");

        ServiceJava java = ServiceJava.find(configured.toString(), running);

        assertThat(java).isEqualTo(new ServiceJava(configured, 25));
        assertThat(java.hasAotCache()).isTrue();
        assertThat(ServiceJava.find(FakeJavaHome.create(jvms, "temurin-21-jdk-amd64", "21.0.4").toString(), running).hasAotCache())
                .isFalse();
    }

    @Test
    void theNoticeNamesTheNewestJava25InTheJvmFolder() throws Exception {
        ServiceJava running = new ServiceJava(FakeJavaHome.create(jvms, "java-17-openjdk-amd64", "17.0.15"), 17);
        FakeJavaHome.create(jvms, "temurin-25-jdk-amd64", "25.0.3");
        Path newest = FakeJavaHome.create(jvms, "temurin-26-jdk-amd64", "26.0.1");

        assertThat(running.withoutCacheNotice(jvms)).contains("Java 17").contains(ServiceJava.JAVA_HOME_VARIABLE + "=" + newest);
    }

    @Test
    void theNoticeSaysWhatToInstallWhenTheJvmFolderHasNoJava25() throws Exception {
        ServiceJava running = new ServiceJava(FakeJavaHome.create(jvms, "java-17-openjdk-amd64", "17.0.15"), 17);
        FakeJavaHome.create(jvms, "temurin-21-jdk-amd64", "21.0.4");

        assertThat(running.withoutCacheNotice(jvms)).contains("Java 17").contains("a Java 25 or newer")
                .contains(ServiceJava.JAVA_HOME_VARIABLE).doesNotContain("temurin-21");
        assertThat(running.withoutCacheNotice(jvms.resolve("missing"))).contains("a Java 25 or newer");
    }

    @Test
    void refusesAVariableThatNamesNoJava() {
        assertThatThrownBy(() -> ServiceJava.find(jvms.resolve("nothing").toString(), null))
                .hasMessageContaining(ServiceJava.JAVA_HOME_VARIABLE).hasMessageContaining("not the home of a Java");
    }
}
