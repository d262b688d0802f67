package org.safereport.escalation.removal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.AdjustableClock;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.FormPost;
import org.safereport.escalation.IntakeStandIn;
import org.safereport.escalation.KeycloakForStaff;
import org.safereport.escalation.SignedIn;
import org.safereport.escalation.domain.RemovalScreenshot;
import org.safereport.escalation.domain.RemovalState;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.DisciplinaryReferral;
import org.safereport.escalation.persistence.RemovalRequest;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.TestImages;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.safereport.escalation.CaseFixtures.requests;
import static org.safereport.escalation.CaseFixtures.summary;
import static org.safereport.escalation.CaseFixtures.timelineCount;

/**
 * A removal request runs to each of its ends on the real broker and database, with the service's clock moved
 * forward by the test: removed and confirmed; refused, with a referral; no answer, reminded once, then at the
 * deadline the chain told and a referral opened. The emails are the notification requests the notification
 * service renders (its EmailTemplatesTest sends them through a real mail server).
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakForStaff.class, scope = TestResourceScope.GLOBAL)
// Answers "no such report" at once, where an unreachable intake would cost every case page its time-out.
@WithTestResource(IntakeStandIn.class)
class RemovalRequestsTest {

    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");
    private static final String POST = "https://social.example.org/korban-volunteer/posts/4711";

    @Inject
    AdjustableClock clock;

    @Inject
    RemovalDeadlines deadlines;

    @Inject
    AgroalDataSource dataSource;

    /** A policy breach: the Chief Executive is told first. */
    private String fileReport() {
        String reference = CaseFixtures.fileReport(clock.instant(), "POLICY_BREACH", false);
        assertThat(summary(requests(reference, 1))).containsExactly("new-case chief-executive");
        return reference;
    }

    private String dueIn(Duration within) {
        return FIELD.format(clock.instant().plus(within).atZone(ZoneId.of("Europe/London")));
    }

    private static Response requestRemoval(String reference, String... fields) {
        FormPost form = FormPost.from(SignedIn.as("chief-executive"), "/cases/" + reference);
        var request = SignedIn.as("chief-executive");
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return form.post(request, "/cases/" + reference + "/removal-requests");
    }

    private static Document casePage(String reference) {
        return Jsoup.parse(SignedIn.as("chief-executive").get("/cases/" + reference).asString());
    }

    private static String linkPath(JsonNode request) {
        return URI.create(request.get("acknowledgementLink").asText()).getPath();
    }

    private static Response answer(String link, String... fields) {
        FormPost form = FormPost.from(given(), link);
        var request = given();
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return form.post(request, link);
    }

    private static RemovalRequest removal(String reference) {
        UUID caseId = CaseFixtures.escalationCase(reference).id;
        return QuarkusTransaction.requiringNew().call(() -> RemovalRequest.forCase(caseId).get(0));
    }

    private static List<AuditEntry.Action> audited(String reference) {
        UUID caseId = CaseFixtures.escalationCase(reference).id;
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.forCase(caseId).stream().map(entry -> entry.action)
                .filter(action -> action != AuditEntry.Action.VIEWED_REPORT).toList());
    }

    @Test
    void aPostSaidToBeRemovedIsConfirmedByStaffAndNothingMoreFires() throws Exception {
        String reference = fileReport();

        requestRemoval(reference, "platform", "Facebook", "location", POST, "owner", "volunteer", "asked", "volunteer",
                "dueAt", dueIn(Duration.ofHours(24))).then().statusCode(303);

        JsonNode email = requests(reference, 2).get(1);
        assertThat(summary(List.of(email))).containsExactly("removal-request volunteer");
        assertThat(email.get("data").get("platform").asText()).isEqualTo("Facebook");
        assertThat(email.get("data").get("location").asText()).isEqualTo(POST);
        assertThat(email.get("channels").toString()).isEqualTo("[\"EMAIL\"]");
        String link = linkPath(email);
        assertThat(link).startsWith("/removal/");

        // Opening the link (as a mail scanner would) answers nothing.
        assertThat(given().get(link).then().statusCode(200).extract().asString()).contains("Please remove a post", POST);
        assertThat(removal(reference).state).isEqualTo(RemovalState.REQUESTED);

        assertThat(answer(link, "answer", "removed").then().statusCode(200).extract().asString())
                .contains("Thank you: you have removed it");
        assertThat(removal(reference).state).isEqualTo(RemovalState.REMOVED);
        assertThat(casePage(reference).select("#removal-1-status").text()).contains("Check that it is gone");

        FormPost form = FormPost.from(SignedIn.as("chief-executive"), "/cases/" + reference);
        form.post(SignedIn.as("chief-executive"), "/cases/" + reference + "/removal-requests/1/confirm").then().statusCode(303);
        RemovalRequest confirmed = removal(reference);
        assertThat(confirmed.state).isEqualTo(RemovalState.CONFIRMED);
        assertThat(confirmed.confirmedBy).isEqualTo("chief-executive");
        // PostgreSQL keeps microseconds, rounding the clock's nanoseconds.
        assertThat(confirmed.confirmedAt).isCloseTo(clock.instant(), within(1, ChronoUnit.MICROS));
        assertThat(casePage(reference).select("#removal-1-status").text()).contains("Jordan Ashby checked that it is gone");
        assertThat(form.post(SignedIn.as("chief-executive"), "/cases/" + reference + "/removal-requests/1/confirm").statusCode())
                .as("confirmed once").isEqualTo(409);

        clock.advance(Duration.ofHours(25));
        deadlines.fireDue();
        assertThat(timelineCount(reference, "REMOVAL_REMINDED")).isZero();
        assertThat(timelineCount(reference, "REMOVAL_OVERDUE")).isZero();
        assertThat(timelineCount(reference, "REMOVAL_REQUESTED")).isEqualTo(1);
        assertThat(timelineCount(reference, "REMOVAL_ANSWERED")).isEqualTo(1);
        assertThat(timelineCount(reference, "REMOVAL_CONFIRMED")).isEqualTo(1);
        assertThat(audited(reference)).containsExactly(AuditEntry.Action.REQUESTED_REMOVAL, AuditEntry.Action.ANSWERED_REMOVAL,
                AuditEntry.Action.CONFIRMED_REMOVAL);
        assertThat(sealedColumns(confirmed.id)).as("what staff typed is sealed at rest").doesNotContain(POST, "Facebook");
    }

    @Test
    void aRefusalFromTheChiefExecutiveOpensAReferralToTheChairWithTheirReason() {
        String reference = fileReport();
        requestRemoval(reference, "platform", "Instagram", "location", "A story on the Chief Executive's account, 20 November",
                "owner", "chief-executive", "asked", "chief-executive", "dueAt", dueIn(Duration.ofHours(24))).then().statusCode(303);
        String link = linkPath(requests(reference, 2).get(1));
        FormPost openedAgainLater = FormPost.from(given(), link);

        Response empty = answer(link, "answer", "refused", "reason", " ");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(empty.asString()).select("#reason-error").text()).contains("Your reason is empty");
        assertThat(removal(reference).state).isEqualTo(RemovalState.REQUESTED);

        answer(link, "answer", "refused", "reason", "It is a fair comment and I stand by it.").then().statusCode(200);

        assertThat(removal(reference).state).isEqualTo(RemovalState.REFUSED);
        List<JsonNode> sent = requests(reference, 3);
        assertThat(summary(sent)).endsWith("disciplinary-referral chair");
        assertThat(sent.get(2).get("data").get("reason").asText()).isEqualTo("refused to remove the post");
        DisciplinaryReferral referral = QuarkusTransaction.requiringNew().call(() ->
                DisciplinaryReferral.<DisciplinaryReferral>find("removalRequestId", removal(reference).id).singleResult());
        assertThat(referral.reason).isEqualTo(DisciplinaryReferral.Reason.REFUSED);
        assertThat(referral.referredTo).isEqualTo("chair");
        Document page = casePage(reference);
        assertThat(page.select("#removal-1-reason").text()).isEqualTo("It is a fair comment and I stand by it.");
        assertThat(page.select("#removal-1-referral").text()).contains("Chair of Trustees");
        assertThat(timelineCount(reference, "REFERRAL")).isEqualTo(1);
        assertThat(audited(reference)).containsExactly(AuditEntry.Action.REQUESTED_REMOVAL, AuditEntry.Action.ANSWERED_REMOVAL,
                AuditEntry.Action.OPENED_REFERRAL);

        openedAgainLater.post(given().formParam("answer", "removed"), link).then().statusCode(200);
        assertThat(removal(reference).state).as("answered once").isEqualTo(RemovalState.REFUSED);
    }

    @Test
    void withoutAnAnswerThePersonIsRemindedOnceThenAtTheDeadlineTheChainIsToldAndAReferralOpened() {
        String reference = fileReport();
        requestRemoval(reference, "platform", "A forum", "location", "The thread about the charity's summer trip",
                "owner", "outside", "ownerName", "Sam Otherby", "asked", "outside", "askedEmail", "sam.otherby@example.org",
                "dueAt", dueIn(Duration.ofHours(4))).then().statusCode(303);
        JsonNode email = requests(reference, 2).get(1);
        assertThat(email.get("recipient").get("email").asText()).isEqualTo("sam.otherby@example.org");
        assertThat(email.get("recipient").get("personId").isNull()).isTrue();
        String link = linkPath(email);
        // The form as they opened it in time, to answer once it is too late.
        FormPost openedInTime = FormPost.from(given(), link);

        clock.advance(Duration.ofHours(2));
        deadlines.fireDue();
        assertThat(timelineCount(reference, "REMOVAL_REMINDED")).as("not yet three quarters of the time").isZero();

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        deadlines.fireDue();
        deadlines.fireDue();
        assertThat(timelineCount(reference, "REMOVAL_REMINDED")).as("reminded once").isEqualTo(1);
        List<JsonNode> sent = requests(reference, 3);
        assertThat(sent.get(2).get("template").asText()).isEqualTo("removal-reminder");
        assertThat(sent.get(2).get("recipient").get("email").asText()).isEqualTo("sam.otherby@example.org");

        clock.advance(Duration.ofHours(1));
        deadlines.fireDue();
        deadlines.fireDue();
        assertThat(removal(reference).state).isEqualTo(RemovalState.NOT_REMOVED);
        assertThat(timelineCount(reference, "REMOVAL_OVERDUE")).as("the deadline fires once").isEqualTo(1);
        assertThat(timelineCount(reference, "REFERRAL")).isEqualTo(1);
        assertThat(summary(requests(reference, 5)).subList(3, 5))
                .containsExactlyInAnyOrder("removal-overdue chief-executive", "disciplinary-referral chief-executive");
        assertThat(audited(reference)).containsExactly(AuditEntry.Action.REQUESTED_REMOVAL, AuditEntry.Action.OPENED_REFERRAL);

        assertThat(given().get(link).then().statusCode(200).extract().asString()).contains("The deadline has passed");
        openedInTime.post(given().formParam("answer", "removed"), link).then().statusCode(200);
        assertThat(removal(reference).state).as("too late to answer").isEqualTo(RemovalState.NOT_REMOVED);
        assertThat(casePage(reference).select("#removal-1").text()).contains("Sam Otherby (outside the directory)",
                "sam.otherby@example.org (outside the directory)", "No answer by the deadline");
    }

    @Test
    void eachMistakeInTheFormIsShownBesideItsFieldAndNothingIsSent() {
        String reference = fileReport();

        Response refused = requestRemoval(reference, "platform", "", "location", "somewhere", "asked", "outside",
                "askedEmail", "not an address", "dueAt", dueIn(Duration.ofHours(-1)));

        assertThat(refused.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(refused.asString());
        assertThat(page.select("#platform-error").text()).contains("The platform is empty");
        assertThat(page.select("#askedEmail-error").text()).contains("is not an email address");
        assertThat(page.select("#dueAt-error").text()).contains("The deadline has passed");
        assertThat(page.select("#location").text()).as("what was typed is kept").isEqualTo("somewhere");
        assertThat(requestRemoval(reference, "platform", "X", "location", "a post", "asked", "nobody-we-know",
                "dueAt", "tomorrow").statusCode()).isEqualTo(400);
        assertThat(timelineCount(reference, "REMOVAL_REQUESTED")).isZero();
        assertThat(given().get("/removal/not-a-token").statusCode()).isEqualTo(404);
    }

    @Test
    void aScreenshotConfirmingARemovalIsSealedAndServedBackAsSentAndAnythingElseIsRefusedBesideTheField() throws Exception {
        String reference = fileReport();
        requestRemoval(reference, "platform", "Facebook", "location", POST, "owner", "volunteer", "asked", "volunteer",
                "dueAt", dueIn(Duration.ofHours(24))).then().statusCode(303);
        answer(linkPath(requests(reference, 2).get(1)), "answer", "removed").then().statusCode(200);
        byte[] png = TestImages.png();

        Response notAnImage = confirmWith(reference, "screenshot.png", "<html>not an image</html>".getBytes(StandardCharsets.UTF_8), null);
        assertThat(notAnImage.statusCode()).as("named .png, sent as image/png, yet not one").isEqualTo(415);
        assertThat(Jsoup.parse(notAnImage.asString()).select("#evidence-1-error").text()).contains("must be a PNG, JPEG or WebP image");
        Response asProblem = confirmWith(reference, "screenshot.png", "GIF89a".getBytes(StandardCharsets.US_ASCII), "application/problem+json");
        assertThat(asProblem.statusCode()).isEqualTo(415);
        assertThat(asProblem.contentType()).startsWith("application/problem+json");
        assertThat(asProblem.jsonPath().getString("errors[0].field")).isEqualTo("evidence");
        byte[] tooLarge = Arrays.copyOf(png, RemovalScreenshot.MAX_BYTES + 1);
        Response large = confirmWith(reference, "screenshot.png", tooLarge, null);
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(Jsoup.parse(large.asString()).select("#evidence-1-error").text()).contains("larger than 5 MB");
        assertThat(removal(reference).state).as("nothing confirmed by a refused file").isEqualTo(RemovalState.REMOVED);

        confirmWith(reference, "Screenshot 2026-11-27 at 10.15.png", png, null).then().statusCode(303);
        RemovalRequest confirmed = removal(reference);
        assertThat(confirmed.state).isEqualTo(RemovalState.CONFIRMED);
        byte[] stored = sealedEvidence(confirmed.id);
        assertThat(stored).as("sealed at rest").isNotEqualTo(png);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).as("no PNG header in clear")
                .doesNotContain(new String(png, 0, 16, StandardCharsets.ISO_8859_1));

        Document page = casePage(reference);
        assertThat(page.select("#removal-1-evidence").attr("href")).isEqualTo("/cases/" + reference + "/removal-requests/1/evidence");
        assertThat(page.select("#removal-1").text()).contains("PNG image");
        Response download = SignedIn.as("chief-executive").get("/cases/" + reference + "/removal-requests/1/evidence");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.asByteArray()).as("served back as sent").isEqualTo(png);
        assertThat(download.contentType()).isEqualTo("image/png");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + reference + "-removal-1-screenshot.png\"");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Security-Policy")).startsWith("sandbox");
        assertThat(SignedIn.as("volunteer").get("/cases/" + reference + "/removal-requests/1/evidence").statusCode())
                .as("someone who may not see the case").isEqualTo(404);
        assertThat(SignedIn.as("chief-executive").get("/cases/" + reference + "/removal-requests/2/evidence").statusCode()).isEqualTo(404);

        assertThat(QuarkusTransaction.requiringNew().call(() -> TimelineEntry.<TimelineEntry>find("caseId = ?1 and kind = ?2",
                confirmed.caseId, "REMOVAL_CONFIRMED").singleResult().detail)).endsWith("checked that the post is gone, with a screenshot as evidence");
        assertThat(audited(reference)).containsExactly(AuditEntry.Action.REQUESTED_REMOVAL, AuditEntry.Action.ANSWERED_REMOVAL,
                AuditEntry.Action.CONFIRMED_REMOVAL, AuditEntry.Action.ATTACHED_REMOVAL_EVIDENCE, AuditEntry.Action.DOWNLOADED_REMOVAL_EVIDENCE);
        assertThat(confirmWith(reference, "again.png", png, null).statusCode()).as("confirmed once").isEqualTo(409);
    }

    /** The case page's confirm form, posted as a browser posts it with a file chosen. */
    private static Response confirmWith(String reference, String fileName, byte[] content, String accept) {
        FormPost form = FormPost.from(SignedIn.as("chief-executive"), "/cases/" + reference);
        var request = SignedIn.as("chief-executive").multiPart("evidence", fileName, content, "image/png");
        if (accept != null) {
            request.accept(accept);
        }
        return form.postMultipart(request, "/cases/" + reference + "/removal-requests/1/confirm");
    }

    private byte[] sealedEvidence(UUID requestId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT sealed_content FROM removal_evidence WHERE removal_request_id = ?")) {
            query.setObject(1, requestId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }

    private String sealedColumns(UUID requestId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT sealed_platform, sealed_location FROM removal_request WHERE id = ?")) {
            query.setObject(1, requestId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return new String(row.getBytes(1), StandardCharsets.ISO_8859_1) + new String(row.getBytes(2), StandardCharsets.ISO_8859_1);
            }
        }
    }
}
