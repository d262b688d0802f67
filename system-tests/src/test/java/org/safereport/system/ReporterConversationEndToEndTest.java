package org.safereport.system;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safereport.local.LocalStack;
import org.safereport.local.MailSandbox;
import org.safereport.testing.KeycloakTokens;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reporter's anonymous reply reaches the handler without any identity, across the whole system (its built
 * jars, a real Kafka broker, PostgreSQL, SMTP server and Keycloak): the DSL writes to the reporter of an
 * anonymous report from the case page; the reporter reads it on the status page and answers; the DSL is
 * emailed that an answer came, without its words, and reads it on the case page. No email, event or page
 * carries anything of who wrote it, and the anonymous reporter is emailed nothing; a reporter who asked for
 * emails is told a message waits, without its words.
 */
@ExtendWith(SystemWithKeycloak.class)
@Order(SystemWithKeycloak.RUNS_LAST)
class ReporterConversationEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String QUESTION = "Thank you for telling us. Which platform were the messages sent on?";
    private static final String ANSWER = "On Instagram, from an account called tangerine.otter, after 11 at night.";

    private static LocalStack stack;

    @BeforeAll
    static void startTheWholeSystem(LocalStack system) throws Exception {
        stack = system;
    }

    @Test
    void aReportersAnonymousReplyReachesTheHandlerWithoutAnyIdentity() throws Exception {
        HttpResponse<String> filed = RunningSystem.fileReport(stack, """
                {"category": "RESIDENT_CONTACT", "anonymous": true,
                 "description": "A resident keeps sending me messages late at night and asked to meet."}""");
        assertThat(filed.statusCode()).isEqualTo(201);
        String reference = field(filed.body(), "reference");
        String receiptCode = field(filed.body(), "receiptCode");
        await().atMost(Duration.ofSeconds(60)).until(() -> !mailsTo("dsl@example.org", reference).isEmpty());

        String token = KeycloakTokens.staffAccessToken(stack.keycloak().issuerUrl(), "dsl");
        String casePage = stack.service(LocalStack.ESCALATION).url("/cases/" + reference);
        HttpResponse<String> sent = post(casePage, casePage + "/messages", Map.of("message", QUESTION), token);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);

        String statusPage = stack.service(LocalStack.INTAKE).url("/status");
        Document status = Jsoup.parse(post(statusPage, statusPage, Map.of("reference", reference, "receiptCode", receiptCode), null).body());
        assertThat(status.select("#messages li p").eachText()).containsExactly(QUESTION);
        HttpResponse<String> replied = post(statusPage, statusPage + "/reply",
                Map.of("reference", reference, "receiptCode", receiptCode, "reply", ANSWER), null);
        assertThat(replied.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(replied.body()).getElementById("reply-sent")).isNotNull();

        MailSandbox.ReceivedMail told = await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo("dsl@example.org", reference).stream()
                .filter(mail -> mail.subject().contains("the reporter has answered")).findFirst().orElse(null), mail -> mail != null);
        assertThat(told.text()).contains(reference, "/cases/" + reference).doesNotContain("tangerine", "Instagram, from");
        assertThat(stack.mailbox().messages()).as("nothing goes to the anonymous reporter, nor the words anywhere")
                .allSatisfy(mail -> assertThat(mail.text() + mail.subject()).doesNotContain("tangerine", "Which platform"));
        List<String> replyEvents = new ArrayList<>();
        RunningSystem.readTopic(stack, "reports.replies.v1", record -> replyEvents.add(record.value()));
        assertThat(replyEvents).singleElement().satisfies(event -> assertThat(event).contains(reference).doesNotContain("tangerine"));

        Document handled = Jsoup.parse(get(casePage, token).body());
        assertThat(handled.select("#thread li p").eachText()).containsExactly(QUESTION, ANSWER);
        assertThat(handled.select("#thread .message-reporter .hint").text()).startsWith("The reporter, ");
        assertThat(handled.select("#timeline td").eachText()).contains("Message to the reporter", "Reporter replied");
    }

    @Test
    void aReporterWhoAskedForEmailsIsToldAMessageWaitsButNeverWhatItSays() throws Exception {
        HttpResponse<String> filed = RunningSystem.fileReport(stack, """
                {"category": "RESIDENT_CONTACT", "emailReceipt": true,
                 "description": "A resident commented on my photos and asked for my number.",
                 "reporter": {"name": "Alex Example", "email": "alex.example@example.org"}}""");
        assertThat(filed.statusCode()).isEqualTo(201);
        String reference = field(filed.body(), "reference");
        await().atMost(Duration.ofSeconds(60)).until(() -> !mailsTo("dsl@example.org", reference).isEmpty());

        String token = KeycloakTokens.staffAccessToken(stack.keycloak().issuerUrl(), "dsl");
        String casePage = stack.service(LocalStack.ESCALATION).url("/cases/" + reference);
        assertThat(post(casePage, casePage + "/messages", Map.of("message", "Could you send us the comment about the quokka?"), token)
                .statusCode()).isEqualTo(303);

        MailSandbox.ReceivedMail waiting = await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo("alex.example@example.org", reference)
                .stream().filter(mail -> mail.subject().contains("is waiting")).findFirst().orElse(null), mail -> mail != null);
        assertThat(waiting.text()).contains("/status?reference=" + reference).doesNotContain("quokka");
    }

    private static List<MailSandbox.ReceivedMail> mailsTo(String recipient, String reference) {
        return stack.mailbox().messages().stream()
                .filter(mail -> mail.subject().contains(reference) && mail.to().contains(recipient)).toList();
    }

    private static String field(String json, String name) {
        return json.replaceAll("(?s).*\"" + name + "\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form of the page at {@code pageUrl} sent as a browser sends it: its CSRF cookie and hidden token, and {@code fields}. */
    private static HttpResponse<String> post(String pageUrl, String action, Map<String, String> fields, String token) throws Exception {
        HttpResponse<String> page = get(pageUrl, token);
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("csrf-token="))
                .map(value -> value.split(";", 2)[0]).findFirst().orElseThrow(() -> new IllegalStateException("no CSRF cookie at " + pageUrl));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("csrf-token", Jsoup.parse(page.body()).selectFirst("input[name=csrf-token]").val());
        all.putAll(fields);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(action)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(all.entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
