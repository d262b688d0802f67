package org.safereport.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.notification.persistence.Delivery;
import org.safereport.notification.support.Deliveries;
import org.safereport.notification.support.Mails;
import org.safereport.notification.support.Requests;
import org.safereport.notification.support.SmsProviderTestResource;
import org.safereport.notification.support.StatusEvents;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.SmtpTestResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each email template, as a real SMTP server (GreenMail) receives it: headers, both bodies, and what is left out. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmsProviderTestResource.class, scope = TestResourceScope.GLOBAL)
class EmailTemplatesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static MimeMessage receivedOnce(String reference) {
        await().atMost(TIMEOUT).until(() -> Mails.about(SmtpTestResource.greenMail(), reference).size() >= 1);
        List<MimeMessage> mails = Mails.about(SmtpTestResource.greenMail(), reference);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static String html(MimeMessage mail) {
        String html = Mails.part(mail, "text/html");
        assertThat(html).as("HTML part").isNotNull();
        return html;
    }

    /** Keeps the rendered email in target/email-previews/, to look at in a browser (docs/ has a screenshot). */
    private static void preview(String template, MimeMessage mail) throws IOException, jakarta.mail.MessagingException {
        Path folder = Path.of("target", "email-previews");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(template + ".html"), html(mail));
        Files.writeString(folder.resolve(template + ".txt"), mail.getSubject() + "\n\n" + text(mail));
    }

    private static String text(MimeMessage mail) {
        String text = Mails.part(mail, "text/plain");
        assertThat(text).as("plain-text part").isNotNull();
        return text;
    }

    private static void assertServiceHeaders(MimeMessage mail, Requests request, String to) throws Exception {
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(to);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("safereport@example.org");
        assertThat(mail.getReplyTo()).extracting(address -> ((InternetAddress) address).getAddress())
                .containsExactly("safeguarding@example.org");
        Delivery delivery = Deliveries.ofRequest(request.requestId(), "EMAIL");
        assertThat(mail.getMessageID()).isEqualTo("<" + delivery.id + "@safereport.invalid>");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Delivery stored = Deliveries.ofRequest(request.requestId(), "EMAIL");
            assertThat(stored.state).isEqualTo(DeliveryState.SENT);
            assertThat(stored.providerMessageId).isEqualTo(mail.getMessageID());
        });
    }

    @Test
    void newCaseNamesUrgencyReferenceDeadlineActionAndAcknowledgementLink() throws Exception {
        Requests request = Requests.newCase("SM-7KQ4-2M9X").send();

        MimeMessage mail = receivedOnce("SM-7KQ4-2M9X");
        preview("new-case", mail);
        assertThat(mail.getSubject()).isEqualTo("[Urgent - safeguarding] SM-7KQ4-2M9X: report needs your response within 1 hour");
        assertServiceHeaders(mail, request, "dsl@example.org");
        assertThat(mail.getHeader("Importance")).containsExactly("high");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        for (String body : List.of(html(mail), text(mail))) {
            assertThat(body).contains("Riley Carrow", "A resident made social or inappropriate contact with me",
                    "as the Designated Safeguarding Lead", "Wednesday 25 November 2026 at 13:00 GMT", "within 1 hour",
                    "Advise the member on how to respond to the resident, before they respond.",
                    "https://safereport.example.org/ack/dGVzdC10b2tlbg.c2lnbmF0dXJl",
                    "https://safereport.example.org/cases/SM-7KQ4-2M9X");
        }
        assertThat(html(mail)).contains("<html lang=\"en\">", "role=\"presentation\"",
                "href=\"https://safereport.example.org/ack/dGVzdC10b2tlbg.c2lnbmF0dXJl\"", "Open the report and acknowledge it");
        // Inline CSS only: mail clients drop style sheets.
        assertThat(html(mail)).doesNotContain("<style", "<link", "<script");

        List<JsonNode> sent = StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
        assertThat(sent.get(0).path("channel").asText()).isEqualTo("EMAIL");
        assertThat(sent.get(0).path("caseReference").asText()).isEqualTo("SM-7KQ4-2M9X");
        assertThat(sent.get(0).toString()).doesNotContain("dsl@example.org", "Riley");
    }

    @Test
    void dueTimeIsShownInTheRecipientsOwnTimeZoneWhenTheRequestGivesOne() {
        Requests.newCase("SM-TZMA-DR1D").data("timeZone", "Europe/Madrid").send();

        MimeMessage mail = receivedOnce("SM-TZMA-DR1D");
        assertThat(text(mail)).contains("Wednesday 25 November 2026 at 14:00 CET").doesNotContain("13:00 GMT");
    }

    @Test
    void theLastResortIsToldWhoCouldNotBeReachedWhyAndWhereTheCaseWent() throws Exception {
        Requests request = Requests.newCase("SM-LRST-4NOB").template("unreachable").priority("HIGH").acknowledgementLink(null)
                .recipient("Jordan Ashby", "chief.executive@example.org", "+447700900101")
                .onlyData(Map.of("categoryLabel", "Something online suggests a young person may be at risk",
                        "urgency", "Urgent - safeguarding", "role", "DSL", "nowWithRole", "DEPUTY_DSL",
                        "reason", "every message to everyone at this step failed for good (last: SMTP 550 mailbox unavailable)"))
                .send();

        MimeMessage mail = receivedOnce("SM-LRST-4NOB");
        preview("unreachable", mail);
        assertThat(mail.getSubject()).isEqualTo("[Urgent - safeguarding] SM-LRST-4NOB: nobody could be reached at the Designated Safeguarding Lead step");
        assertServiceHeaders(mail, request, "chief.executive@example.org");
        assertThat(text(mail)).contains("Jordan Ashby", "was due to go to the Designated Safeguarding Lead",
                "Why: every message to everyone at this step failed for good (last: SMTP 550 mailbox unavailable)",
                "The report has moved on to the Deputy Designated Safeguarding Lead", "SM-LRST-4NOB")
                .doesNotContain("acknowledge it");
        assertThat(html(mail)).contains("Nobody could be reached about this report", "Open the case");
        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
    }

    @Test
    void aRemovalRequestSaysWhatToRemoveByWhenAndHowToAnswerToSomeoneOutside() throws Exception {
        Requests request = Requests.newCase("SM-RMV1-4REQ").template("removal-request").priority("NORMAL")
                .acknowledgementLink("https://safereport.example.org/removal/cmVtb3ZhbA.c2lnbmF0dXJl")
                .recipient(null, "sam.otherby@example.org", null)
                .onlyData(Map.of("platform", "A forum", "location", "https://forum.example.org/threads/summer-trip#post-12",
                        "dueAt", "2026-11-26T12:00:00Z", "dueAtLocal", "Thursday 26 November 2026 at 12:00 GMT"))
                .send();

        MimeMessage mail = receivedOnce("SM-RMV1-4REQ");
        preview("removal-request", mail);
        assertThat(mail.getSubject())
                .isEqualTo("[Action needed] SM-RMV1-4REQ: please remove a post by Thursday 26 November 2026 at 12:00 GMT");
        assertServiceHeaders(mail, request, "sam.otherby@example.org");
        assertThat(mail.getHeader("Importance")).isNull();
        for (String body : List.of(html(mail), text(mail))) {
            assertThat(body).contains("Hello,", "A forum", "https://forum.example.org/threads/summer-trip#post-12",
                    "Thursday 26 November 2026 at 12:00 GMT", "https://safereport.example.org/removal/cmVtb3ZhbA.c2lnbmF0dXJl",
                    "Failure to comply with such a request may result in disciplinary action")
                    // Someone outside has no business on the staff's case page.
                    .doesNotContain("/cases/");
        }
        assertThat(html(mail)).contains("Say that it is removed, or why not");
        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
    }

    @Test
    void aRemovalReminderSaysTheAnswerIsStillAwaited() throws Exception {
        Requests request = Requests.newCase("SM-RMV2-4REM").template("removal-reminder").priority("NORMAL")
                .acknowledgementLink("https://safereport.example.org/removal/cmVtb3ZhbA.c2lnbmF0dXJl")
                .recipient("Casey Morrow", "volunteer@example.org", "+447700900107")
                .onlyData(Map.of("platform", "Facebook", "location", "https://social.example.org/posts/4711",
                        "dueAt", "2026-11-26T12:00:00Z", "dueAtLocal", "Thursday 26 November 2026 at 12:00 GMT"))
                .send();

        MimeMessage mail = receivedOnce("SM-RMV2-4REM");
        preview("removal-reminder", mail);
        assertThat(mail.getSubject()).isEqualTo("[Reminder] SM-RMV2-4REM: please remove a post by Thursday 26 November 2026 at 12:00 GMT");
        assertThat(text(mail)).contains("Dear Casey Morrow", "we have not had your answer yet", "https://social.example.org/posts/4711");
        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
    }

    @Test
    void theChainIsToldAPostWasNotRemovedWithoutSayingWhoWasAsked() throws Exception {
        Requests request = Requests.newCase("SM-RMV3-4OVD").template("removal-overdue").priority("NORMAL").acknowledgementLink(null)
                .recipient("Jordan Ashby", "chief.executive@example.org", "+447700900101")
                .onlyData(Map.of("categoryLabel", "A member's social media use breaks the policy",
                        "dueAtLocal", "Thursday 26 November 2026 at 12:00 GMT"))
                .send();

        MimeMessage mail = receivedOnce("SM-RMV3-4OVD");
        preview("removal-overdue", mail);
        assertThat(mail.getSubject()).isEqualTo("[Action needed] SM-RMV3-4OVD: a post was not removed by its deadline");
        assertThat(text(mail)).contains("did not say it was removed by Thursday 26 November 2026 at 12:00 GMT",
                "A disciplinary referral is now open", "/cases/SM-RMV3-4OVD");
        assertThat(html(mail)).contains("Open the case");
        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
    }

    @Test
    void aDisciplinaryReferralSaysWhyAndPointsToTheCase() throws Exception {
        Requests request = Requests.newCase("SM-RMV4-4REF").template("disciplinary-referral").priority("NORMAL").acknowledgementLink(null)
                .recipient("Morgan Ellis", "chair@example.org", "+447700900105")
                .onlyData(Map.of("categoryLabel", "A member's social media use breaks the policy", "reason", "refused to remove the post"))
                .send();

        MimeMessage mail = receivedOnce("SM-RMV4-4REF");
        preview("disciplinary-referral", mail);
        assertThat(mail.getSubject()).isEqualTo("[Action needed] SM-RMV4-4REF: disciplinary referral, the person asked refused to remove the post");
        assertServiceHeaders(mail, request, "chair@example.org");
        assertThat(text(mail)).contains("Dear Morgan Ellis", "and refused to remove the post", "decide on the disciplinary action",
                "/cases/SM-RMV4-4REF");
        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
    }

    @Test
    void escalationSaysTheReportHasBeenPassedOn() throws Exception {
        Requests request = Requests.newCase("SM-ESC4-7PQR").template("escalation")
                .recipient("Jordan Hale", "deputy.dsl@example.org", "+447700900104").data("role", "DEPUTY_DSL").send();

        MimeMessage mail = receivedOnce("SM-ESC4-7PQR");
        preview("escalation", mail);
        assertThat(mail.getSubject())
                .isEqualTo("[Urgent - safeguarding] SM-ESC4-7PQR: report passed to you, needs your response within 1 hour");
        assertServiceHeaders(mail, request, "deputy.dsl@example.org");
        assertThat(text(mail)).contains("Jordan Hale", "not acknowledged in time by the person before you",
                "Deputy Designated Safeguarding Lead", "Wednesday 25 November 2026 at 13:00 GMT", "Advise the member",
                "https://safereport.example.org/ack/");
        assertThat(html(mail)).contains("Open the report and acknowledge it");
    }

    @Test
    void reminderSaysTheReportIsOverdueAndWhenTheNextReminderComes() throws Exception {
        Requests request = Requests.newCase("SM-REM1-9XYZ").template("reminder")
                .recipient("Morgan Ellis", "chair@example.org", "+447700900105").data("role", "CHAIR_OF_TRUSTEES")
                .data("dueAtLocal", "Wednesday 25 November 2026 at 14:00 GMT").send();

        MimeMessage mail = receivedOnce("SM-REM1-9XYZ");
        preview("reminder", mail);
        assertThat(mail.getSubject()).isEqualTo("[Urgent - safeguarding] SM-REM1-9XYZ: overdue, report still needs a response");
        assertServiceHeaders(mail, request, "chair@example.org");
        assertThat(text(mail)).contains("deadline has passed", "Chair of Trustees", "reminded again at Wednesday 25 November 2026 at 14:00 GMT",
                "https://safereport.example.org/ack/");
    }

    @Test
    void acknowledgedTellsWhoHasItAndAsksForNothing() throws Exception {
        Requests request = Requests.newCase("SM-ACK2-4LMN").template("acknowledged").acknowledgementLink(null)
                .data("acknowledgedByRole", "DEPUTY_DSL").send();

        MimeMessage mail = receivedOnce("SM-ACK2-4LMN");
        preview("acknowledged", mail);
        assertThat(mail.getSubject())
                .isEqualTo("[Urgent - safeguarding] SM-ACK2-4LMN: acknowledged by the Deputy Designated Safeguarding Lead, no action needed");
        assertServiceHeaders(mail, request, "dsl@example.org");
        assertThat(mail.getHeader("Importance")).as("good news is not flagged urgent").isNull();
        for (String body : List.of(html(mail), text(mail))) {
            assertThat(body).contains("acknowledged by the Deputy Designated Safeguarding Lead", "You do not need to do anything more")
                    .doesNotContain("/ack/", "Please respond by", "What the policy asks you to do");
        }
    }

    @Test
    void receiptGivesTheReporterTheReferenceAndStatusLinkButNeverAReceiptCode() throws Exception {
        Requests request = Requests.newCase("SM-RCPT-3JKL").template("receipt").priority("NORMAL").acknowledgementLink(null)
                .recipient("Alex Mercer", "support.worker@example.org", null)
                .onlyData(Map.of("categoryLabel", "The media or press contacted me about posts relating to the charity",
                        "statusUrl", "https://safereport.example.org/reports/SM-RCPT-3JKL",
                        // Never shown, whatever a producer puts in the data.
                        "receiptCode", "RC-93KD-QQ71-ZX8P"))
                .send();

        MimeMessage mail = receivedOnce("SM-RCPT-3JKL");
        preview("receipt", mail);
        assertThat(mail.getSubject()).isEqualTo("SafeReport: your report SM-RCPT-3JKL has been received");
        assertServiceHeaders(mail, request, "support.worker@example.org");
        assertThat(mail.getHeader("Importance")).isNull();
        for (String body : List.of(html(mail), text(mail))) {
            assertThat(body).contains("Alex Mercer", "SM-RCPT-3JKL", "The media or press contacted me",
                            "https://safereport.example.org/reports/SM-RCPT-3JKL")
                    .doesNotContain("RC-93KD-QQ71-ZX8P", "/ack/", "Designated Safeguarding Lead");
        }
        assertThat(mail.getHeader("Message-ID")[0]).doesNotContain("RC-93KD");
    }

    @Test
    void messageWaitingPointsTheReporterToTheStatusPageAndNeverCarriesTheMessage() throws Exception {
        Requests request = Requests.newCase("SM-MSGW-4PQR").template("message-waiting").priority("NORMAL").acknowledgementLink(null)
                .recipient(null, "alex.example@example.org", null)
                .onlyData(Map.of("statusUrl", "https://safereport.example.org/status?reference=SM-MSGW-4PQR",
                        // Never shown, whatever a producer puts in the data.
                        "text", "Could you tell us which account sent the message?"))
                .send();

        MimeMessage mail = receivedOnce("SM-MSGW-4PQR");
        preview("message-waiting", mail);
        assertThat(mail.getSubject()).isEqualTo("SafeReport: a message about your report SM-MSGW-4PQR is waiting");
        assertServiceHeaders(mail, request, "alex.example@example.org");
        for (String body : List.of(html(mail), text(mail))) {
            assertThat(body).contains("SM-MSGW-4PQR", "https://safereport.example.org/status?reference=SM-MSGW-4PQR",
                            "it is not in this email")
                    .doesNotContain("which account", "/ack/", "/cases/");
        }
    }

    @Test
    void reporterRepliedSendsTheHandlerToTheCasePageWithoutTheReply() throws Exception {
        Requests request = Requests.newCase("SM-RPLY-5STU").template("reporter-replied").priority("NORMAL").acknowledgementLink(null)
                .onlyData(Map.of("categoryLabel", "A resident made social or inappropriate contact with me",
                        "urgency", "Urgent - safeguarding", "text", "It was the account called sunny.days."))
                .send();

        MimeMessage mail = receivedOnce("SM-RPLY-5STU");
        preview("reporter-replied", mail);
        assertThat(mail.getSubject()).isEqualTo("[Urgent - safeguarding] SM-RPLY-5STU: the reporter has answered");
        assertServiceHeaders(mail, request, "dsl@example.org");
        for (String body : List.of(html(mail), text(mail))) {
            assertThat(body).contains("Riley Carrow", "SM-RPLY-5STU", "has written on their status page",
                            "https://safereport.example.org/cases/SM-RPLY-5STU")
                    .doesNotContain("sunny.days", "/ack/");
        }
    }

    @Test
    void policyReviewNeedsNoCase() throws Exception {
        Requests request = Requests.newCase(null).template("policy-review").priority("NORMAL").acknowledgementLink(null)
                .recipient("Morgan Ellis", "chair@example.org", "+447700900105")
                .onlyData(Map.of("policyVersion", "2023.11-POLREV", "approvedOn", "2023-11-01", "reviewDue", "2026-11-01"))
                .send();

        MimeMessage mail = receivedOnce("2023.11-POLREV");
        preview("policy-review", mail);
        assertThat(mail.getSubject())
                .isEqualTo("[Action needed] Social Media Acceptable Use Policy 2023.11-POLREV: review due 1 November 2026");
        assertServiceHeaders(mail, request, "chair@example.org");
        assertThat(text(mail)).contains("Morgan Ellis", "(version 2023.11-POLREV, approved on 1 November 2023) is due for its regular review",
                "Review due: 1 November 2026",
                "Arrange the review with the trustees".toLowerCase());
        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
    }

    @Test
    void theTrusteesFiguresAreCountsWithALinkToTheCharts() throws Exception {
        Requests request = Requests.newCase(null).template("trustees-report").priority("NORMAL").acknowledgementLink(null)
                .recipient("Morgan Ellis", "chair@example.org", "+447700900105")
                .onlyData(Map.ofEntries(Map.entry("period", "July to September 2026 (2026-Q3)"),
                        Map.entry("reports", 7),
                        Map.entry("acknowledgedWithinDeadline", 5),
                        Map.entry("wentOverdue", 2),
                        Map.entry("reachedEndOfChain", 1),
                        Map.entry("medianTimeToAcknowledge", "35 min"),
                        Map.entry("ninetiethPercentileTimeToAcknowledge", "3 h 10 min"),
                        Map.entry("categories", List.of(Map.of("label", "A resident made social or inappropriate contact with me", "reports", 4,
                                "acknowledgedWithinDeadline", 3, "deadline", "1 hour"))),
                        Map.entry("reportUrl", "/cases/trustees-report?quarter=2026-Q3"),
                        Map.entry("removalRequests", 3),
                        Map.entry("removalsConfirmed", 2),
                        Map.entry("referrals", 1),
                        Map.entry("policyVersion", "2026.12-1"),
                        Map.entry("members", 7),
                        Map.entry("membersConfirmedPolicy", 5)))
                .send();

        MimeMessage mail = receivedOnce("2026-Q3");
        preview("trustees-report", mail);
        assertThat(mail.getSubject()).isEqualTo("SafeReport figures for the trustees: July to September 2026 (2026-Q3)");
        assertServiceHeaders(mail, request, "chair@example.org");
        for (String body : List.of(html(mail), text(mail))) {
            assertThat(body).contains("Morgan Ellis", "35 min", "3 h 10 min", "A resident made social or inappropriate contact with me",
                    "https://safereport.example.org/cases/trustees-report?quarter=2026-Q3");
        }
        assertThat(text(mail)).contains("Reports: 7", "Acknowledged within their first deadline: 5", "Reached the end of their chain: 1",
                "- A resident made social or inappropriate contact with me: 4, 3 (deadline 1 hour)",
                "Removal requests made: 3 (2 removed and checked)", "Disciplinary referrals opened: 1",
                "Members who have confirmed reading the policy (version 2026.12-1), now: 5 of 7");
        StatusEvents.await(request.requestId(), 1, StatusEvents.sent(), TIMEOUT);
    }

    @Test
    void aPolicyToReadSaysWhatChangedAndLinksToThePolicyAndAReminderSaysItIsOne() throws Exception {
        String link = "https://safereport.example.org/read/signed-POLREAD";
        Requests invitation = Requests.newCase(null).template("policy-to-read").priority("NORMAL").acknowledgementLink(link)
                .recipient("Sam Okafor", "support.worker@example.org", "+447700900107")
                .onlyData(Map.of("policyVersion", "2026.12-POLREAD", "significantChange", "Reports are now made through SafeReport.",
                        "reminder", "0"))
                .send();

        MimeMessage mail = receivedOnce("2026.12-POLREAD");
        preview("policy-to-read", mail);
        assertThat(mail.getSubject())
                .isEqualTo("Please read the Social Media Acceptable Use Policy (version 2026.12-POLREAD): it has changed");
        assertServiceHeaders(mail, invitation, "support.worker@example.org");
        for (String body : List.of(html(mail), text(mail))) {
            assertThat(body).contains("Sam Okafor", "What changed", "Reports are now made through SafeReport.", link,
                    "I have read and understood it");
        }

        Requests reminder = Requests.newCase(null).template("policy-to-read").priority("NORMAL").acknowledgementLink(link)
                .recipient("Sam Okafor", "support.worker@example.org", "+447700900107")
                .onlyData(Map.of("policyVersion", "2026.12-POLREMIND", "reminder", "2"))
                .send();
        MimeMessage reminded = receivedOnce("2026.12-POLREMIND");
        assertThat(reminded.getSubject()).isEqualTo("Reminder: please read the Social Media Acceptable Use Policy (version 2026.12-POLREMIND)");
        assertThat(text(reminded)).contains("You have not yet confirmed").doesNotContain("What changed");
        StatusEvents.await(reminder.requestId(), 1, StatusEvents.sent(), TIMEOUT);
    }

    @Test
    void aRequestForATemplateNoProducerCanNameGoesToTheDeadLetterTopic() {
        // The contract's Template enum is what producers build requests from: an unknown name is not a
        // request for some message this service lacks, it is an unreadable event.
        String unknown = Requests.newCase("SM-UNKN-0WN1").template("birthday-card").json();
        KafkaTopics.send("notifications.requested.v1", "case-SM-UNKN-0WN1", unknown);

        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords("notifications.requested.v1.dlq", 1,
                record -> record.value().contains("SM-UNKN-0WN1"), TIMEOUT).get(0);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("there is no template birthday-card");
        assertThat(Deliveries.ofCases(List.of("SM-UNKN-0WN1"))).isEmpty();
        assertThat(Mails.about(SmtpTestResource.greenMail(), "SM-UNKN-0WN1")).isEmpty();
    }
}
