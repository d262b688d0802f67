package org.safereport.escalation.reading;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.FormPost;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.escalation.PolicyFilesOnDisk;
import org.safereport.escalation.SignedIn;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.PolicyReading;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The acknowledgement of the policy is recorded once per person and version: a version marked as a significant
 * change comes into force, everyone in the directory is emailed a link to it, a confirmation is recorded once,
 * those who have not confirmed are reminded weekly up to the file's limit and then no more, and someone added to
 * the directory is invited too; against the real database and broker, with the service's clock moved by hand.
 */
@QuarkusTest
@TestProfile(PolicyReadingTest.SignificantChange.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
class PolicyReadingTest {

    static final String VERSION = "2026.12-reading";
    static final String WHAT_CHANGED = "Reports are now made through SafeReport.";
    private static final String REQUESTS = "notifications.requested.v1";
    private static final Duration A_WEEK = Duration.ofDays(7).plusMinutes(1);

    /** The bundled files on disk, as a new version that is a significant change, with two weekly reminders. */
    public static class SignificantChange implements QuarkusTestProfile {

        static final Path FOLDER = PolicyFilesOnDisk.copyBundledFiles();

        static {
            rewrite(FOLDER.resolve(PolicyFilesOnDisk.POLICY), Map.of(
                    "version: \"2023.11-1\"", "version: \"" + VERSION + "\"\nsignificantChange: \"" + WHAT_CHANGED + "\"",
                    "readingReminders: {interval: P7D, limit: 4}", "readingReminders: {interval: P7D, limit: 2}"));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return PolicyFilesOnDisk.readFrom(FOLDER);
        }
    }

    @Inject
    PolicyReadings readings;

    @Inject
    ActivePolicy activePolicy;

    @Inject
    AdjustableClock clock;

    private static void rewrite(Path file, Map<String, String> replacements) {
        try {
            String text = Files.readString(file);
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                assertThat(text).containsOnlyOnce(replacement.getKey());
                text = text.replace(replacement.getKey(), replacement.getValue());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The requests to read this test's version sent as the given reminder (0: the invitation), at least {@code count}. */
    private static List<JsonNode> requests(int reminder, int count) {
        return requests(VERSION, reminder, count);
    }

    private static List<JsonNode> requests(String version, int reminder, int count) {
        return KafkaTopics.awaitRecords(REQUESTS, count, record -> record.value().contains("\"policy-to-read\"")
                        && record.value().contains("\"policyVersion\":\"" + version + "\"")
                        && record.value().contains("\"reminder\":" + reminder + "}"), CaseFixtures.WAIT)
                .stream().map(record -> CaseFixtures.json(record.value())).toList();
    }

    private static Set<String> recipients(List<JsonNode> requests) {
        return requests.stream().map(request -> request.get("recipient").get("personId").asText()).collect(Collectors.toSet());
    }

    private static String linkPath(List<JsonNode> requests, String personId) {
        return requests.stream().filter(request -> request.get("recipient").get("personId").asText().equals(personId))
                .map(request -> URI.create(request.get("acknowledgementLink").asText()).getPath()).findFirst().orElseThrow();
    }

    static PolicyReading reading(String personId) {
        return QuarkusTransaction.requiringNew().call(() ->
                PolicyReading.<PolicyReading>find("policyVersion = ?1 and personId = ?2", VERSION, personId).singleResult());
    }

    /** How many invitations to this test's version wait for a confirmation (the browser test confirms one too). */
    private static int unconfirmed() {
        return QuarkusTransaction.requiringNew().call(() ->
                (int) PolicyReading.count("policyVersion = ?1 and confirmedAt is null", VERSION));
    }

    private static long confirmationsAudited(String personId) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.byPerson(personId).stream()
                .filter(entry -> entry.action == AuditEntry.Action.CONFIRMED_POLICY_READ && ("policy " + VERSION).equals(entry.item))
                .count());
    }

    @Test
    void theAcknowledgementOfThePolicyIsRecordedOncePerPersonAndVersion() throws IOException {
        // Everyone in the directory is invited as the version comes into force, with what changed.
        Set<String> members = activePolicy.directory().people().stream().map(person -> person.id()).collect(Collectors.toSet());
        List<JsonNode> invitations = requests(0, members.size());
        assertThat(invitations).hasSize(members.size());
        assertThat(recipients(invitations)).isEqualTo(members);
        assertThat(invitations).allSatisfy(request -> {
            assertThat(request.get("data").get("significantChange").asText()).isEqualTo(WHAT_CHANGED);
            assertThat(request.get("caseReference").isNull()).isTrue();
            assertThat(request.get("channels").toString()).isEqualTo("[\"EMAIL\"]");
        });
        assertThat(readings.inviteNewcomers()).as("nobody is invited twice").isZero();

        // The link shows the policy and the routing file; the button records the confirmation once.
        String dslLink = linkPath(invitations, "dsl");
        given().get(dslLink).then().statusCode(200)
                .body(containsString("Social Media Acceptable Use Policy"), containsString("Who to tell, how fast"),
                        containsString("A resident made social or inappropriate contact with me"),
                        containsString("should be reported to the Chief Executive: through SafeReport"),
                        containsString("I have read and understood it"));
        FormPost page = FormPost.from(given(), dslLink);
        page.post(given(), dslLink).then().statusCode(200).body(containsString("Thank you: your confirmation is recorded"));
        Instant confirmedAt = reading("dsl").confirmedAt;
        assertThat(confirmedAt).isCloseTo(clock.instant(), within(1, ChronoUnit.MILLIS));

        clock.advance(Duration.ofMinutes(5));
        // Pressed again, from the same page left open.
        page.post(given(), dslLink).then().statusCode(200).body(containsString("You have already confirmed this version"),
                not(containsString("I have read and understood it")));
        assertThat(reading("dsl").confirmedAt).as("a second press changes nothing").isEqualTo(confirmedAt);
        assertThat(confirmationsAudited("dsl")).isEqualTo(1);
        given().get(dslLink.replace("/read/", "/read/x")).then().statusCode(404).body(containsString("This link is not valid"));

        // Weekly reminders to the others, up to the limit of two, each sent once.
        int waiting = unconfirmed();
        assertThat(readings.remindThoseDue()).as("not due within the week").isZero();
        clock.advance(A_WEEK);
        assertThat(readings.remindThoseDue()).isEqualTo(waiting);
        assertThat(readings.remindThoseDue()).as("each reminder once").isZero();
        clock.advance(A_WEEK);
        assertThat(readings.remindThoseDue()).isEqualTo(waiting);
        clock.advance(A_WEEK);
        assertThat(readings.remindThoseDue()).as("the limit reached: no more").isZero();
        assertThat(recipients(requests(2, waiting))).hasSize(waiting).contains("volunteer").doesNotContain("dsl");
        assertThat(recipients(requests(1, waiting))).hasSize(waiting).doesNotContain("dsl");
        assertThat(reading("volunteer").remindersSent).isEqualTo(2);

        // Someone added to the directory gets the same email as part of their induction.
        Path directory = SignificantChange.FOLDER.resolve(PolicyFilesOnDisk.DIRECTORY);
        String original = Files.readString(directory);
        Files.writeString(directory, original + """
                  - id: new-volunteer
                    name: Robin Vale
                    email: new.volunteer@example.org
                    lineManager: team-leader
                """);
        try {
            assertThat(activePolicy.reload()).isTrue();
            assertThat(readings.inviteNewcomers()).isEqualTo(1);
            assertThat(recipients(requests(0, members.size() + 1))).contains("new-volunteer");
        } finally {
            Files.writeString(directory, original);
            activePolicy.reload();
        }
    }

    @Test
    void theChiefExecutiveAndOnlyTheChiefExecutiveSeesWhoHasConfirmedEachVersion() throws IOException {
        SignedIn.as("chief-executive").get("/cases/policy-reading").then().statusCode(200)
                .body(containsString("Version " + VERSION + " (in force)"), containsString("Morgan Fairlie"),
                        containsString("Sam Orwell"));
        SignedIn.as("chief-executive").get("/cases/policy-reading?version=1999.1").then().statusCode(400)
                .body(containsString("There is no version 1999.1: choose one of the list"));
        SignedIn.as("dsl").get("/cases/policy-reading").then().statusCode(403)
                .body(containsString("Only the Chief Executive sees who has read the policy"));

        // A later version: everyone is invited to read it, and the earlier one can still be looked at.
        Set<String> members = activePolicy.directory().people().stream().map(person -> person.id()).collect(Collectors.toSet());
        Path policy = SignificantChange.FOLDER.resolve(PolicyFilesOnDisk.POLICY);
        String original = Files.readString(policy);
        Files.writeString(policy, original.replace("version: \"" + VERSION + "\"", "version: \"" + VERSION + "-b\""));
        try {
            assertThat(activePolicy.reload()).isTrue();
            assertThat(recipients(requests(VERSION + "-b", 0, members.size()))).isEqualTo(members);
            SignedIn.as("chief-executive").get("/cases/policy-reading?version=" + VERSION).then().statusCode(200)
                    .body(containsString("Version " + VERSION + ":"), containsString(VERSION + "-b (in force)"));
        } finally {
            Files.writeString(policy, original);
            activePolicy.reload();
        }
    }
}
