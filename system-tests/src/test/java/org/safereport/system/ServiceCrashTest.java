package org.safereport.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safereport.local.LocalStack;
import org.safereport.local.MailSandbox;
import org.safereport.local.ServiceProcess;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While reports flow in steadily, each service in turn is killed with SIGKILL, as a crash would, and
 * started again. Every report that was accepted (every 201) must reach its recipient. A notification
 * being sent at the very moment of the crash can be sent again after the restart (SMTP has no way to
 * take a message back), so at most one email per crash of the notification service may be a repeat.
 */
class ServiceCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static LocalStack stack;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        stack = RunningSystem.start(data, Map.of("INTAKE_RATE_LIMIT_MAX_REQUESTS", "100000"));
    }

    @AfterAll
    static void stopIt() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyAcceptedReportReachesItsRecipientThroughCrashesOfEachService() throws Exception {
        List<String> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean flowing = new AtomicBoolean(true);
        Thread stream = new Thread(() -> {
            while (flowing.get()) {
                try {
                    HttpResponse<String> response = RunningSystem.fileReport(stack, "{\"category\": \"INAPPROPRIATE_MATERIAL\", "
                            + "\"description\": \"A fictional incident in the crash test.\"}");
                    if (response.statusCode() == 201) {
                        accepted.add(JSON.readTree(response.body()).get("reference").asText());
                    } else {
                        refused.incrementAndGet();
                    }
                } catch (Exception e) {
                    refused.incrementAndGet();  // intake is down: a client would try again
                }
                pause(Duration.ofMillis(100));
            }
        }, "report-stream");
        stream.start();

        for (String module : List.of(LocalStack.INTAKE, LocalStack.ESCALATION, LocalStack.NOTIFICATION)) {
            pause(Duration.ofSeconds(3));
            ServiceProcess service = stack.service(module);
            service.kill();
            System.out.printf("killed %s (SIGKILL) after %d accepted reports%n", module, accepted.size());
            pause(Duration.ofSeconds(2));
            service.start();
            service.awaitReady(Duration.ofSeconds(90));
        }
        pause(Duration.ofSeconds(3));
        flowing.set(false);
        stream.join();

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> emailsPerReference(accepted).size() == accepted.size());
        Map<String, Long> emails = emailsPerReference(accepted);
        long repeats = emails.values().stream().mapToLong(count -> count - 1).sum();
        System.out.printf("%d reports accepted (%d refused while intake was down): %d emails, %d repeated%n",
                accepted.size(), refused.get(), emails.values().stream().mapToLong(Long::longValue).sum(), repeats);
        assertThat(accepted).hasSizeGreaterThan(50);
        assertThat(emails).as("every accepted report has its email").hasSize(accepted.size());
        assertThat(repeats).as("a repeat only for a send cut off by the notification service's crash").isLessThanOrEqualTo(1);
    }

    private static Map<String, Long> emailsPerReference(List<String> references) {
        List<MailSandbox.ReceivedMail> mails = stack.mailbox().messages();
        return references.stream().collect(Collectors.toMap(Function.identity(),
                reference -> mails.stream().filter(mail -> mail.subject().contains(reference)).count()))
                .entrySet().stream().filter(entry -> entry.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
