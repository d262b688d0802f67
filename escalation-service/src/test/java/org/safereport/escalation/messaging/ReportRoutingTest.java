package org.safereport.escalation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class ReportRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String reportEvent(UUID eventId, UUID reportId, String reference, String category, String reporterEmail) {
        return """
                {"eventId": "%s", "eventType": "report.submitted", "schemaVersion": 1,
                 "occurredAt": "%s", "reportId": "%s", "reference": "%s", "category": "%s",
                 "youngPersonAtRisk": false, "reporterEmail": %s, "submittedAt": "%s"}
                """.formatted(eventId, Instant.now(), reportId, reference, category,
                reporterEmail == null ? "null" : "\"" + reporterEmail + "\"", Instant.now());
    }

    private static String uniqueReference() {
        String digits = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 100_000_000L);
        String padded = "0".repeat(8 - digits.length()) + digits;
        return "SM-" + padded.substring(0, 4) + "-" + padded.substring(4);
    }

    private static JsonNode awaitNotificationRequest(String reference) throws Exception {
        List<ConsumerRecord<String, String>> records = KafkaTopics.awaitRecords("notifications.requested.v1", 1,
                record -> record.value().contains(reference), WAIT);
        assertThat(records).hasSize(1);
        return JSON.readTree(records.get(0).value());
    }

    @Test
    void residentContactRequestsEmailAndSmsToTheDsl() throws Exception {
        String reference = uniqueReference();
        UUID reportId = UUID.randomUUID();
        KafkaTopics.send("reports.submitted.v1", reportId.toString(),
                reportEvent(UUID.randomUUID(), reportId, reference, "RESIDENT_CONTACT", "support.worker@example.org"));

        JsonNode request = awaitNotificationRequest(reference);
        assertThat(request.get("eventType").asText()).isEqualTo("notification.requested");
        assertThat(request.get("recipient").get("email").asText()).isEqualTo("dsl@example.org");
        assertThat(request.get("channels")).extracting(JsonNode::asText).containsExactly("EMAIL", "SMS");
        assertThat(request.get("priority").asText()).isEqualTo("HIGH");
        assertThat(request.get("data").get("urgency").asText()).isEqualTo("Urgent - safeguarding");

        EscalationCase escalationCase = EscalationCase.find("reference", reference).firstResult();
        assertThat(escalationCase.policyVersion).isEqualTo("2023.11-1");
        assertThat(TimelineEntry.forCase(escalationCase.id)).extracting(entry -> entry.kind)
                .containsExactly("ROUTED", "NOTIFIED");
    }

    @Test
    void lineManagerCategoryRequestsEmailToTheReportersLineManager() throws Exception {
        String reference = uniqueReference();
        UUID reportId = UUID.randomUUID();
        KafkaTopics.send("reports.submitted.v1", reportId.toString(),
                reportEvent(UUID.randomUUID(), reportId, reference, "MEDIA_ENQUIRY", "Support.Worker@example.org"));

        JsonNode request = awaitNotificationRequest(reference);
        assertThat(request.get("recipient").get("email").asText()).isEqualTo("team.leader@example.org");
        assertThat(request.get("channels")).extracting(JsonNode::asText).containsExactly("EMAIL");
        assertThat(request.get("priority").asText()).isEqualTo("NORMAL");
    }

    @Test
    void redeliveredEventOpensOneCaseAndRequestsOnce() throws Exception {
        String reference = uniqueReference();
        UUID reportId = UUID.randomUUID();
        String event = reportEvent(UUID.randomUUID(), reportId, reference, "UNINTENDED_CONTACT", null);
        KafkaTopics.send("reports.submitted.v1", reportId.toString(), event);
        KafkaTopics.send("reports.submitted.v1", reportId.toString(), event);

        assertThat(awaitNotificationRequest(reference).get("recipient").get("email").asText())
                .isEqualTo("chief.executive@example.org");
        assertThat(KafkaTopics.recordsAfter(Duration.ofSeconds(3), "notifications.requested.v1",
                record -> record.value().contains(reference))).hasSize(1);
        assertThat(EscalationCase.count("reference", reference)).isEqualTo(1);
    }

    @Test
    void unreadableEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        String marker = UUID.randomUUID().toString();
        KafkaTopics.send("reports.submitted.v1", marker, "{\"not\": \"a report\", \"marker\": \"" + marker + "\"}");
        String reference = uniqueReference();
        UUID reportId = UUID.randomUUID();
        KafkaTopics.send("reports.submitted.v1", reportId.toString(),
                reportEvent(UUID.randomUUID(), reportId, reference, "SECURITY_EXPOSURE", null));

        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords("reports.submitted.v1.dlq", 1,
                record -> record.value().contains(marker), WAIT).get(0);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("report.submitted");
        assertThat(awaitNotificationRequest(reference).get("recipient").get("email").asText())
                .isEqualTo("chief.executive@example.org");
    }

    @Test
    void eventWhoseReferenceCouldNeverBeStoredGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        UUID badReportId = UUID.randomUUID();
        KafkaTopics.send("reports.submitted.v1", badReportId.toString(),
                reportEvent(UUID.randomUUID(), badReportId, "SM-FAR-TOO-LONG-" + badReportId, "SECURITY_EXPOSURE", null));
        String reference = uniqueReference();
        UUID reportId = UUID.randomUUID();
        KafkaTopics.send("reports.submitted.v1", reportId.toString(),
                reportEvent(UUID.randomUUID(), reportId, reference, "SECURITY_EXPOSURE", null));

        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords("reports.submitted.v1.dlq", 1,
                record -> record.value().contains(badReportId.toString()), WAIT).get(0);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("reference");
        assertThat(awaitNotificationRequest(reference).get("recipient").get("email").asText())
                .isEqualTo("chief.executive@example.org");
    }
}
