package org.safereport.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Java and which ahead-of-time cache options each start of a service gets; no process is started. */
class ServiceProcessTest {

    @TempDir
    Path folder;

    private Path module;
    private Path app;

    @BeforeEach
    void buildAService() throws Exception {
        module = folder.resolve("intake-service");
        app = module.resolve("target/quarkus-app");
        Files.createDirectories(app.resolve("app"));
        Files.writeString(app.resolve("quarkus-run.jar"), "the launcher");
        Files.writeString(app.resolve("app/intake-service.jar"), "the first build");
    }

    @Test
    void onJava25TheFirstStartTrainsTheCacheAndTheNextStartUsesIt() throws Exception {
        ServiceProcess service = service(FakeJavaHome.create(folder, "temurin-25", "25.0.3"), 25);

        List<String> training = service.commandForNextStart();
        assertThat(training).startsWith(folder.resolve("temurin-25/bin/java").toString())
                .containsSubsequence(ServiceProcess.JVM_OPTIONS).endsWith("-jar", app.resolve("quarkus-run.jar").toString())
                .noneMatch(option -> option.startsWith("-XX:AOTCache="));
        writeCacheAsTheJvmWouldAtExit(training);
        service.ended(true);

        List<String> next = service.commandForNextStart();
        Path cache = optionValue(next, "-XX:AOTCache=");
        assertThat(cache).isRegularFile().hasParent(app.resolve(AotCache.FOLDER));
        assertThat(next).containsSubsequence(ServiceProcess.JVM_OPTIONS).noneMatch(option -> option.startsWith("-XX:AOTCacheOutput="));
        assertThat(service.commandForNextStart()).isEqualTo(next);
    }

    @Test
    void aRebuiltServiceTrainsAgainAndTheOldCacheIsDeleted() throws Exception {
        ServiceProcess service = service(FakeJavaHome.create(folder, "temurin-25", "25.0.3"), 25);
        writeCacheAsTheJvmWouldAtExit(service.commandForNextStart());
        service.ended(true);
        Path oldCache = optionValue(service.commandForNextStart(), "-XX:AOTCache=");

        Files.writeString(app.resolve("app/intake-service.jar"), "the second build");
        Files.setLastModifiedTime(app.resolve("app/intake-service.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        List<String> afterRebuild = service.commandForNextStart();

        assertThat(afterRebuild).noneMatch(option -> option.startsWith("-XX:AOTCache="));
        writeCacheAsTheJvmWouldAtExit(afterRebuild);
        service.ended(true);
        Path newCache = optionValue(service.commandForNextStart(), "-XX:AOTCache=");
        assertThat(newCache).isNotEqualTo(oldCache).isRegularFile();
        assertThat(oldCache).doesNotExist();
    }

    @Test
    void anotherJavaDoesNotUseTheCacheOfThisOne() throws Exception {
        ServiceProcess onOne = service(FakeJavaHome.create(folder, "temurin-25", "25.0.3"), 25);
        writeCacheAsTheJvmWouldAtExit(onOne.commandForNextStart());
        onOne.ended(true);

        ServiceProcess onAnother = service(FakeJavaHome.create(folder, "temurin-26", "26.0.1"), 26);

        assertThat(onAnother.commandForNextStart()).anyMatch(option -> option.startsWith("-XX:AOTCacheOutput="))
                .noneMatch(option -> option.startsWith("-XX:AOTCache="));
    }

    @Test
    void aKilledTrainingRunLeavesNoCache() throws Exception {
        ServiceProcess service = service(FakeJavaHome.create(folder, "temurin-25", "25.0.3"), 25);
        List<String> training = service.commandForNextStart();
        Path halfWritten = writeCacheAsTheJvmWouldAtExit(training);

        service.ended(false);

        assertThat(halfWritten).doesNotExist();
        assertThat(service.commandForNextStart()).anyMatch(option -> option.startsWith("-XX:AOTCacheOutput="));
    }

    @Test
    void onJava17TheServiceRunsWithoutACache() throws Exception {
        Path java17 = FakeJavaHome.create(folder, "java-17", "17.0.15");
        ServiceProcess service = service(java17, 17);

        List<String> expected = new ArrayList<>(List.of(java17.resolve("bin/java").toString()));
        expected.addAll(ServiceProcess.JVM_OPTIONS);
        expected.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toString()));
        assertThat(service.commandForNextStart()).isEqualTo(expected);
        service.ended(true);
        assertThat(app.resolve(AotCache.FOLDER)).doesNotExist();
    }

    private ServiceProcess service(Path javaHome, int version) {
        return ServiceProcess.create(module, new ServiceJava(javaHome, version), 8080, Map.of(), folder.resolve("intake.log"));
    }

    private static Path writeCacheAsTheJvmWouldAtExit(List<String> command) throws Exception {
        Path output = optionValue(command, "-XX:AOTCacheOutput=");
        Files.writeString(output, "classes and profiles");
        return output;
    }

    private static Path optionValue(List<String> command, String prefix) {
        return command.stream().filter(option -> option.startsWith(prefix)).map(option -> Path.of(option.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + command));
    }
}
