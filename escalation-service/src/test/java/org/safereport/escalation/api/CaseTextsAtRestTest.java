package org.safereport.escalation.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.safereport.envelope.DataKeyRewrap;
import org.safereport.envelope.EncryptionConfig;
import org.safereport.envelope.Keysets;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.FormPost;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.escalation.SignedIn;
import org.safereport.escalation.keys.CaseDataKeys;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.RawTables;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encryption at rest of what staff write about a case: escalation's tables hold none of the words of a note,
 * an internal note on closing or a legal hold's reason, while the case page shows them; and the key-encryption
 * key can be rotated under the running service.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
class CaseTextsAtRestTest {

    private static final String NOTE = "Spoke to Ottoline Brisbourne-Quail about the rota photograph.";
    private static final String INTERNAL_NOTE = "Referred to the Fenwick Marsh regional adviser.";
    private static final String LEGAL_HOLD_REASON = "Solicitors for Perpetua Vandersloot expect a claim.";
    /** Words of each text, unusual enough to be found only where the text is stored. */
    private static final List<String> WRITTEN = List.of("Ottoline Brisbourne-Quail", "rota photograph", "Fenwick Marsh",
            "Perpetua Vandersloot", "expect a claim");

    @Inject
    AdjustableClock clock;

    @Inject
    DataSource dataSource;

    @Inject
    EncryptionConfig encryption;

    @Inject
    CaseDataKeys caseDataKeys;

    private String caseWithEverythingStaffWrite() {
        String reference = CaseFixtures.fileReport(clock.instant(), "SAFEGUARDING_CONCERN", false, "support.worker@example.org", null);
        StaffPagesTest.post("dsl", reference, "notes", "note", NOTE).then().statusCode(303);
        StaffPagesTest.post("dsl", reference, "close", "outcome", "Advice given to the team.", "internalNote", INTERNAL_NOTE)
                .then().statusCode(303);
        String path = "/cases/" + reference;
        FormPost.from(SignedIn.as("chief-executive"), path)
                .post(SignedIn.as("chief-executive").formParam("reason", LEGAL_HOLD_REASON), path + "/legal-hold").then().statusCode(303);
        return reference;
    }

    private static void assertThePageShowsEverythingStaffWrote(String reference) {
        Document page = StaffPagesTest.page("chief-executive", "/cases/" + reference);
        assertThat(page.select(".note p").eachText()).containsExactly(NOTE);
        assertThat(page.text()).contains("Internal note: " + INTERNAL_NOTE);
        assertThat(page.getElementById("legal-hold").text()).contains(LEGAL_HOLD_REASON);
    }

    @Test
    void escalationsTablesHoldNoneOfWhatStaffWroteWhileTheCasePageShowsIt() throws SQLException {
        String reference = caseWithEverythingStaffWrite();

        for (String words : WRITTEN) {
            assertThat(RawTables.rowsContaining(dataSource, words)).as(words).isEmpty();
        }
        assertThat(RawTables.rowsContaining(dataSource, "Advice given to the team.")).as("the outcome, which the reporter reads, stays in clear")
                .isNotEmpty();
        assertThePageShowsEverythingStaffWrote(reference);
    }

    @Test
    void aRotatedKeyEncryptionKeyWrapsEveryCasesDataKeyAndEveryTextStillReads() throws SQLException {
        String reference = caseWithEverythingStaffWrite();
        String oldKeyId = CaseFixtures.escalationCase(reference).keyId;

        String newKeyId = Keysets.rotate(encryption.keyEncryptionKeyset());
        assertThat(newKeyId).isNotEqualTo(oldKeyId);
        String other = caseWithEverythingStaffWrite();

        DataKeyRewrap.Outcome first = caseDataKeys.rewrapAll();
        assertThat(first.primaryKeyId()).isEqualTo(newKeyId);
        assertThat(first.rewrapped()).isPositive();
        assertThat(first.remaining()).isZero();
        assertThat(caseDataKeys.rewrapAll().rewrapped()).as("a second run has nothing to do").isZero();

        assertThat(keyIdsInEscalationCase()).containsExactly(newKeyId);
        assertThat(CaseFixtures.escalationCase(other).keyId).as("a case sealed after the rotation").isEqualTo(newKeyId);
        assertThePageShowsEverythingStaffWrote(reference);
        assertThePageShowsEverythingStaffWrote(other);
        assertThat(QuarkusTransaction.requiringNew().call(() -> EscalationCase.countNotWrappedBy(newKeyId))).isZero();
    }

    /** Read past the entities, as a copy of the database would show them. */
    private List<String> keyIdsInEscalationCase() throws SQLException {
        List<String> keyIds = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT DISTINCT key_id FROM escalation_case WHERE key_id IS NOT NULL");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keyIds.add(rows.getString(1));
            }
        }
        return keyIds;
    }
}
