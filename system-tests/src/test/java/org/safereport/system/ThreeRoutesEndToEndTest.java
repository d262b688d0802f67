package org.safereport.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safereport.local.LocalStack;
import org.safereport.local.MailSandbox;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as it runs: the three services from their built jars as separate processes, a real
 * Kafka broker, PostgreSQL and SMTP server. A report of each kind of first recipient is filed on the
 * intake API and must arrive by email at the right person, with its reference.
 */
class ThreeRoutesEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static LocalStack stack;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        stack = RunningSystem.start(data, Map.of());
    }

    @AfterAll
    static void stopIt() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> fileReport(String json) throws Exception {
        return RunningSystem.fileReport(stack, json);
    }

    private static List<MailSandbox.ReceivedMail> mailsAbout(String reference) {
        return stack.mailbox().messages().stream().filter(mail -> mail.subject().contains(reference)).toList();
    }

    @ParameterizedTest(name = "{0} reaches {2}")
    @CsvSource(nullValues = "none", value = {
            "RESIDENT_CONTACT,       support.worker@example.org, dsl@example.org,             Urgent - safeguarding",
            "INAPPROPRIATE_MATERIAL, none,                       chief.executive@example.org, Action needed",
            "MEDIA_ENQUIRY,          support.worker@example.org, team.leader@example.org,     Action needed",
    })
    void reportIsEmailedToTheRightPersonWithItsReference(String category, String reporterEmail, String recipient,
                                                         String urgency) throws Exception {
        String reporter = reporterEmail == null ? "" : ", \"reporter\": {\"email\": \"" + reporterEmail + "\"}";
        HttpResponse<String> response = fileReport("{\"category\": \"" + category + "\", "
                + "\"description\": \"A fictional incident for the system test.\"" + reporter + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String reference = JSON.readTree(response.body()).get("reference").asText();

        await().atMost(Duration.ofSeconds(60)).until(() -> !mailsAbout(reference).isEmpty());
        List<MailSandbox.ReceivedMail> mails = mailsAbout(reference);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).to()).containsExactly(recipient);
        assertThat(mails.get(0).subject()).startsWith("[" + urgency + "] " + reference);
        assertThat(mails.get(0).text()).contains(reference);
        if (urgency.startsWith("Urgent")) {
            // Urgent categories also text the recipient: the reference and a short link, no names or details.
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.mailbox().texts().stream()
                    .anyMatch(text -> text.body().contains(reference)));
            String text = stack.mailbox().texts().stream().filter(sms -> sms.body().contains(reference)).findFirst().orElseThrow().body();
            assertThat(text).hasSizeLessThanOrEqualTo(160).contains("/a/").doesNotContain("Riley", "Carrow");
        }
    }

    @Test
    void badInputIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = fileReport("{\"category\": \"GRIEVANCE\", \"description\": \"too short\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("description");
    }
}
