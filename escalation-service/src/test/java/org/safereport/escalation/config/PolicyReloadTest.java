package org.safereport.escalation.config;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.PolicyFilesOnDisk;
import org.safereport.escalation.SignedIn;
import org.safereport.escalation.deadlines.DeadlineEngine;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Ops change the policy and directory files (a ConfigMap) while the service runs: a valid change comes
 * into force and is published for the form; an invalid one is refused, the last good version stays and
 * the error is shown on the readiness check until the files are fixed.
 */
@QuarkusTest
@TestProfile(PolicyReloadTest.FilesOnDisk.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class PolicyReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The bundled files copied to a folder, as a mounted ConfigMap would hold them. */
    public static class FilesOnDisk implements QuarkusTestProfile {

        static final Path FOLDER = PolicyFilesOnDisk.copyBundledFiles();

        @Override
        public Map<String, String> getConfigOverrides() {
            // The test reloads by hand, at the moments it chooses.
            return PolicyFilesOnDisk.readFrom(FOLDER);
        }
    }

    @Inject
    ActivePolicy activePolicy;

    @Inject
    AdjustableClock clock;

    @Inject
    DeadlineEngine deadlines;

    private static void rewritePolicy(String from, String to) throws IOException {
        Path file = FilesOnDisk.FOLDER.resolve("routing-policy.yaml");
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    @Test
    void aValidChangeComesIntoForceAndIsPublishedAndAnInvalidOneIsRefusedAndShown() throws IOException {
        String original = activePolicy.policy().version();
        // The policy in force at start is published for the form.
        KafkaTopics.awaitRecords("policy.public.v1", 1, r -> r.value().contains("\"version\":\"" + original + "\""), WAIT);

        assertThat(activePolicy.reload()).as("unchanged files change nothing").isFalse();

        rewritePolicy("version: \"" + original + "\"", "version: \"2026.11-test\"");
        assertThat(activePolicy.reload()).isTrue();
        assertThat(activePolicy.policy().version()).isEqualTo("2026.11-test");
        var published = KafkaTopics.awaitRecords("policy.public.v1", 1,
                r -> r.value().contains("\"version\":\"2026.11-test\""), WAIT).get(0);
        assertThat(published.key()).isEqualTo("routing-policy");
        assertThat(published.value()).contains("\"code\":\"RESIDENT_CONTACT\"", "\"handledByTitle\":\"the Designated Safeguarding Lead\"",
                "\"timeZone\":\"Europe/London\"");
        given().get("/api/v1/policy").then().statusCode(200).body("version", equalTo("2026.11-test"));

        // A chain step with a role nobody holds: refused, with the file, line and field named.
        rewritePolicy("firstRecipient: DSL", "firstRecipient: TREASURER");
        assertThat(activePolicy.reload()).isFalse();
        assertThat(activePolicy.policy().version()).as("the last good version stays").isEqualTo("2026.11-test");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'routing-policy' }.data.policyVersion", equalTo("2026.11-test"))
                .body("checks.find { it.name == 'routing-policy' }.data.reloadRefusedBecause",
                        containsString(FilesOnDisk.FOLDER.resolve("routing-policy.yaml") + ", line "));

        rewritePolicy("firstRecipient: TREASURER", "firstRecipient: DSL");
        activePolicy.reload();
        assertThat(activePolicy.lastFailure()).as("fixed files clear the error").isEmpty();
    }

    @Test
    void anAbsenceRecordedAfterTheCaseWasPlannedIsHonouredWhenTheStepsTurnComes() throws IOException {
        String reference = CaseFixtures.fileReport(clock.instant(), "RESIDENT_CONTACT", false);
        assertThat(CaseFixtures.summary(CaseFixtures.requests(reference, 1))).containsExactly("new-case dsl");

        // Ops record that the deputy is away from now on, covered by the Chair.
        Path directory = FilesOnDisk.FOLDER.resolve("directory.yaml");
        String text = Files.readString(directory);
        String away = "    lineManager: dsl\n    absences:\n      - {from: \"%s\", until: \"%s\", cover: chair}\n"
                .formatted(clock.instant(), clock.instant().plus(Duration.ofDays(2)));
        assertThat(text).containsOnlyOnce("    lineManager: dsl\n");
        Files.writeString(directory, text.replace("    lineManager: dsl\n", away));
        try {
            assertThat(activePolicy.reload()).isTrue();
            clock.advance(Duration.ofMinutes(61));
            deadlines.fireDue();

            assertThat(CaseFixtures.summary(CaseFixtures.requests(reference, 2))).containsExactly("new-case dsl", "escalation chair");
            assertThat(CaseFixtures.timelineCount(reference, "REROUTED")).isEqualTo(1);
        } finally {
            Files.writeString(directory, text);
            activePolicy.reload();
        }
    }

    @Test
    void someoneTheDirectoryNoLongerKnowsSeesNothingWhateverTheIdentityProviderSays() throws IOException {
        SignedIn.as("team-leader").get("/api/v1/cases").then().statusCode(200);

        // Ops give the team leader's entry another address: Keycloak still signs them in as team.leader@example.org.
        Path directory = FilesOnDisk.FOLDER.resolve("directory.yaml");
        String text = Files.readString(directory);
        assertThat(text).containsOnlyOnce("email: team.leader@example.org");
        Files.writeString(directory, text.replace("email: team.leader@example.org", "email: new.team.leader@example.org"));
        try {
            assertThat(activePolicy.reload()).isTrue();
            SignedIn.as("team-leader").get("/api/v1/cases").then().statusCode(403);
            SignedIn.as("team-leader").get("/cases").then().statusCode(403)
                    .body(containsString("You are not in SafeReport"));
        } finally {
            Files.writeString(directory, text);
            activePolicy.reload();
        }
    }
}
