package org.safereport.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safereport.local.LocalStack;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away: reports are still accepted (each 201 is a commit in intake's database), and once
 * the broker is back every one of them is published exactly once and reaches its recipient by email.
 */
class KafkaOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPORTS = 5;

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

    private static String fileReport() throws Exception {
        HttpResponse<String> response = RunningSystem.fileReport(stack, "{\"category\": \"INAPPROPRIATE_MATERIAL\", "
                + "\"description\": \"A fictional incident filed while the broker is down.\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("reference").asText();
    }

    /** How many times each reference was published on reports.submitted.v1, reading the topic from its start. */
    private static Map<String, Integer> publications(List<String> references) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("reports.submitted.v1"));
            long quietSince = System.nanoTime();
            // Read until nothing new has come for five seconds.
            while (System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    quietSince = System.nanoTime();
                    references.stream().filter(record.value()::contains).forEach(reference -> counts.merge(reference, 1, Integer::sum));
                }
            }
        }
        return counts;
    }

    @Test
    void reportsAcceptedWhileTheBrokerIsDownArePublishedOnceAndReachTheirRecipient() throws Exception {
        stack.kafka().stop();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < REPORTS; i++) {
            references.add(fileReport());
        }
        // Long enough for the outbox relay to fail and back off a few times.
        Thread.sleep(10_000);
        stack.kafka().startAndAwait(Duration.ofSeconds(90));

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> references.stream()
                .allMatch(reference -> stack.mailbox().messages().stream().anyMatch(mail -> mail.subject().contains(reference))));
        for (String reference : references) {
            assertThat(stack.mailbox().messages().stream().filter(mail -> mail.subject().contains(reference)))
                    .as("emails about " + reference).hasSize(1)
                    .allSatisfy(mail -> assertThat(mail.to()).containsExactly("chief.executive@example.org"));
        }
        Map<String, Integer> publications = publications(references);
        System.out.printf("Broker stopped, %d reports accepted, broker restarted: published %s%n", REPORTS, publications);
        assertThat(publications).hasSize(REPORTS).allSatisfy((reference, count) -> assertThat(count).as(reference).isEqualTo(1));
    }
}
