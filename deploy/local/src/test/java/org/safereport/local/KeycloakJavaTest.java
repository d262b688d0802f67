package org.safereport.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeycloakJavaTest {

    @TempDir
    Path jvms;

    @Test
    void takesTheNewestJavaOf21OrMoreInTheJvmFolder() throws Exception {
        javaHome("java-17-openjdk-amd64", "17.0.15");
        javaHome("temurin-21-jdk-amd64", "21.0.4");
        Path newest = javaHome("temurin-25-jdk-amd64", "25.0.3");

        assertThat(KeycloakJava.find(null, jvms)).isEqualTo(newest);
    }

    @Test
    void theVariableWinsOverTheJvmFolder() throws Exception {
        javaHome("temurin-25-jdk-amd64", "25.0.3");
        Path configured = javaHome("elsewhere-21", "21.0.4");

        assertThat(KeycloakJava.find(configured.toString(), jvms)).isEqualTo(configured);
    }

    @Test
    void namesTheVariableWhenNoJavaOf21OrMoreIsFound() throws Exception {
        javaHome("java-17-openjdk-amd64", "17.0.15");

        assertThatThrownBy(() -> KeycloakJava.find(null, jvms))
                .hasMessageContaining("Java 21 or newer").hasMessageContaining(KeycloakJava.JAVA_HOME_VARIABLE);
        assertThatThrownBy(() -> KeycloakJava.find(null, jvms.resolve("missing")))
                .hasMessageContaining(KeycloakJava.JAVA_HOME_VARIABLE);
    }

    @Test
    void refusesAVariableThatNamesAnOlderJava() throws Exception {
        Path old = javaHome("java-17-openjdk-amd64", "17.0.15");

        assertThatThrownBy(() -> KeycloakJava.find(old.toString(), jvms))
                .hasMessageContaining(KeycloakJava.JAVA_HOME_VARIABLE).hasMessageContaining("Java 17");
    }

    private Path javaHome(String name, String version) throws Exception {
        return FakeJavaHome.create(jvms, name, version);
    }
}
