package org.safereport.escalation.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.FormPost;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.escalation.SignedIn;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.cases.CaseClosing;
import org.safereport.escalation.cases.CaseNotes;
import org.safereport.escalation.domain.RemovalScreenshot;
import org.safereport.escalation.domain.RemovalState;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseSealing;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.RemovalEvidence;
import org.safereport.escalation.persistence.RemovalRequest;
import org.safereport.escalation.removal.RemovalRequests;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.RawTables;
import org.safereport.testing.TestImages;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled purge with the service's clock moved forward by years: a closed case is purged once its
 * category's retention period has passed since its closing, not a second before; a case under legal hold
 * is not, until the Chief Executive lifts the hold. A purged case leaves its tombstone and nothing that
 * people wrote about it in any table of this service, and intake is told to remove the report.
 */
@QuarkusTest
@TestProfile(RetentionTest.OwnClock.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
class RetentionTest {

    /** An application of its own, so that moving its clock by years leaves the other tests' clock alone. */
    public static class OwnClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("escalation.retention.purge-interval", "24h");
        }
    }

    private static final AuditTrail.Actor DSL = new AuditTrail.Actor("dsl", "192.0.2.10");

    @Inject
    AdjustableClock clock;

    @Inject
    CasePurge purge;

    @Inject
    CaseNotes notes;

    @Inject
    CaseClosing closing;

    @Inject
    RemovalRequests removals;

    @Inject
    DataSource dataSource;

    @Inject
    CaseSealing sealing;

    /**
     * Files a report, notes and closes its case with words no other test writes, with a removal request confirmed
     * with a screenshot; returns the case.
     */
    private EscalationCase closedCase(String category, String words) throws RemovalScreenshot.Rejected {
        String reference = CaseFixtures.fileReport(clock.instant(), category, false, "support.worker@example.org", null);
        EscalationCase escalationCase = CaseFixtures.escalationCase(reference);
        notes.add(escalationCase.id, DSL, "Spoke to the member; " + words + " in the note.");
        removals.record(escalationCase.id, DSL, new RemovalRequests.Draft("Facebook", "The post about " + words, null, words,
                "volunteer", null, clock.instant().plus(Duration.ofDays(1))));
        // As if the volunteer had answered "removed" through their link (RemovalRequestsTest answers it so).
        QuarkusTransaction.requiringNew().run(() -> RemovalRequest.<RemovalRequest>find("caseId", escalationCase.id).singleResult()
                .state = RemovalState.REMOVED);
        byte[] screenshot = TestImages.png();
        assertThat(removals.confirmRemoved(escalationCase.id, 1, DSL, Optional.of(RemovalScreenshot.of(screenshot.length, screenshot)))).isTrue();
        closing.close(escalationCase.id, DSL, "The post was taken down.", "Internal: " + words + " on closing.");
        return CaseFixtures.escalationCase(reference);
    }

    private void moveClockTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    @Test
    void aClosedCaseIsPurgedOnceItsRetentionPeriodHasPassedAndLeavesOnlyItsTombstone() throws Exception {
        EscalationCase closed = closedCase("GRIEVANCE", "Marigold Quokka");
        assertThat(evidenceOf(closed)).as("before the purge").isEqualTo(1);
        assertThat(notes.of(closed.id)).as("before the purge").singleElement().extracting(CaseNotes.Note::text).asString()
                .contains("Marigold Quokka");
        assertThat(closed.dataKey).as("the case's data key, before the purge").isNotNull();
        Instant sixYearsOn = closed.closedAt.atOffset(ZoneOffset.UTC).plusYears(6).toInstant();

        moveClockTo(sixYearsOn.minusSeconds(1));
        purge.purgeDue();
        assertThat(CaseFixtures.escalationCase(closed.reference).purgedAt).as("a second before its period ends").isNull();

        moveClockTo(sixYearsOn);
        assertThat(purge.purgeDue()).isPositive();

        EscalationCase tombstone = CaseFixtures.escalationCase(closed.reference);
        assertThat(tombstone.purgedAt).isEqualTo(sixYearsOn);
        assertThat(tombstone.category).isEqualTo("GRIEVANCE");
        assertThat(tombstone.submittedAt).isEqualTo(closed.submittedAt);
        assertThat(tombstone.closedAt).isEqualTo(closed.closedAt);
        assertThat(tombstone.outcome).isEqualTo("The post was taken down.");
        assertThat(tombstone.sealedInternalNote).isNull();
        assertThat(tombstone.dataKey).as("the data key goes with what it sealed").isNull();
        assertThat(tombstone.keyId).isNull();
        assertThat(notes.of(closed.id)).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> RemovalRequest.count("caseId", closed.id))).as("removal requests").isZero();
        assertThat(evidenceOf(closed)).as("the screenshot confirming a removal").isZero();
        assertThat(closed.reporterPersonId).isEqualTo("support-worker");
        assertThat(tombstone.reporterPersonId).isNull();
        assertThat(RawTables.rowsContaining(dataSource, "Marigold Quokka")).as("in any table").isEmpty();
        assertThat(RawTables.rowsContaining(dataSource, "The post was taken down.")).as("the outcome, on the tombstone only")
                .singleElement().asString().startsWith("escalation_case:");
        assertThat(audit(closed)).filteredOn(entry -> entry.action == AuditEntry.Action.PURGED).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.personId).isEqualTo(CasePurge.ACTOR);
                    assertThat(entry.item).isEqualTo("retention GRIEVANCE P6Y");
                    assertThat(entry.at).isEqualTo(sixYearsOn);
                });
        String event = KafkaTopics.awaitRecords("cases.purged.v1", 1, record -> record.key().equals(closed.reportId.toString()),
                CaseFixtures.WAIT).get(0).value();
        assertThat(CaseFixtures.json(event).path("rule").asText()).isEqualTo("GRIEVANCE P6Y");
        assertThat(event).doesNotContain("Marigold");

        purge.purgeDue();
        assertThat(audit(closed)).as("purged once").filteredOn(entry -> entry.action == AuditEntry.Action.PURGED).hasSize(1);
        String page = SignedIn.as("chief-executive").get("/cases/" + closed.reference).then().statusCode(200).extract().asString();
        assertThat(Jsoup.parse(page).getElementById("purged")).isNotNull();
        assertThat(Jsoup.parse(page).getElementById("reopen")).as("a purged case cannot be reopened").isNull();
    }

    @Test
    void aCaseUnderLegalHoldIsNotPurgedUntilTheChiefExecutiveLiftsTheHold() throws Exception {
        EscalationCase closed = closedCase("SAFEGUARDING_CONCERN", "Juniper Wombat");
        String path = "/cases/" + closed.reference;

        holdForm("dsl", path, "A claim is expected.").then().statusCode(403);
        holdForm("team-leader", path, "A claim is expected.").then().statusCode(404);
        holdForm("chief-executive", path, " ").then().statusCode(400);
        holdForm("chief-executive", path, "The police asked us to keep it.").then().statusCode(303);
        assertThat(sealing.open(CaseFixtures.escalationCase(closed.reference)).legalHoldReason()).isEqualTo("The police asked us to keep it.");
        assertThat(Jsoup.parse(SignedIn.as("chief-executive").get(path).asString()).getElementById("legal-hold").text())
                .contains("The police asked us to keep it.");

        moveClockTo(closed.closedAt.atOffset(ZoneOffset.UTC).plusYears(11).toInstant());
        purge.purgeDue();
        assertThat(CaseFixtures.escalationCase(closed.reference).purgedAt).as("under hold, eleven years on").isNull();
        assertThat(evidenceOf(closed)).as("the screenshot, kept under the hold").isEqualTo(1);

        FormPost.from(SignedIn.as("dsl"), path).post(SignedIn.as("dsl"), path + "/legal-hold/lift").then().statusCode(403);
        FormPost.from(SignedIn.as("chief-executive"), path).post(SignedIn.as("chief-executive"), path + "/legal-hold/lift")
                .then().statusCode(303);
        purge.purgeDue();

        EscalationCase tombstone = CaseFixtures.escalationCase(closed.reference);
        assertThat(tombstone.purgedAt).isNotNull();
        assertThat(tombstone.sealedLegalHoldReason).isNull();
        assertThat(evidenceOf(closed)).isZero();
        assertThat(audit(closed)).extracting(entry -> entry.action).containsSubsequence(
                AuditEntry.Action.CLOSED, AuditEntry.Action.SET_LEGAL_HOLD, AuditEntry.Action.LIFTED_LEGAL_HOLD, AuditEntry.Action.PURGED);
        assertThat(audit(closed)).filteredOn(entry -> entry.action == AuditEntry.Action.PURGED).singleElement()
                .extracting(entry -> entry.item).isEqualTo("retention SAFEGUARDING_CONCERN P10Y");
    }

    private static Response holdForm(String personId, String path, String reason) {
        FormPost form = FormPost.from(SignedIn.as("chief-executive"), path);
        return form.post(SignedIn.as(personId).formParam("reason", reason), path + "/legal-hold");
    }

    private static long evidenceOf(EscalationCase escalationCase) {
        return QuarkusTransaction.requiringNew().call(() -> RemovalEvidence.count("caseId", escalationCase.id));
    }

    private static List<AuditEntry> audit(EscalationCase escalationCase) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.forCase(escalationCase.id));
    }
}
