package org.safereport.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.testing.KafkaTopics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Files reports the way the intake service does, on the real broker, and reads what became of them. */
public final class CaseFixtures {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseFixtures() {
    }

    /** Files a report by the support worker, about nobody, and waits for its case; returns its reference. */
    public static String fileReport(Instant now, String category, boolean youngPersonAtRisk) {
        return fileReport(now, category, youngPersonAtRisk, "support.worker@example.org", null);
    }

    public static String fileReport(Instant now, String category, boolean youngPersonAtRisk, String reporterEmail,
                                    String subjectEmail) {
        String reference = newReference();
        UUID reportId = publishReport(now, reference, category, youngPersonAtRisk, reporterEmail, subjectEmail);
        await().atMost(WAIT).until(() -> hasCase(reportId));
        return reference;
    }

    /** A reference of intake's form, SM-XXXX-XXXX, that no other test uses. */
    public static String newReference() {
        String digits = String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
        return "SM-" + digits.substring(0, 4) + "-" + digits.substring(4);
    }

    /** Publishes a report event with the reference given (any text, as a broken or hostile producer might send); returns its report id. */
    public static UUID publishReport(Instant now, String reference, String category, boolean youngPersonAtRisk,
                                     String reporterEmail, String subjectEmail) {
        UUID reportId = UUID.randomUUID();
        publishReport(reportId.toString(), reportId, now, reference, category, youngPersonAtRisk, reporterEmail, subjectEmail);
        return reportId;
    }

    /** Publishes a report event under {@code key}: the events of one key are on one partition, read one after the other. */
    public static void publishReport(String key, UUID reportId, Instant now, String reference, String category,
                                     boolean youngPersonAtRisk, String reporterEmail, String subjectEmail) {
        KafkaTopics.send("reports.submitted.v1", key, """
                {"eventId": "%s", "eventType": "report.submitted", "schemaVersion": 1, "reportId": "%s",
                 "reference": %s, "category": %s, "youngPersonAtRisk": %s,
                 "reporterEmail": %s, "subjectEmail": %s, "submittedAt": "%s"}
                """.formatted(UUID.randomUUID(), reportId, quoted(reference), quoted(category), youngPersonAtRisk,
                quoted(reporterEmail), quoted(subjectEmail), now));
    }

    public static boolean hasCase(UUID reportId) {
        return QuarkusTransaction.requiringNew().call(() -> EscalationCase.count("reportId", reportId)) == 1;
    }

    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The notification requests for {@code reference}, once {@code count} have been published. */
    public static List<JsonNode> requests(String reference, int count) {
        return KafkaTopics.awaitRecords("notifications.requested.v1", count,
                        r -> reference.equals(json(r.value()).path("caseReference").asText()), WAIT)
                .stream().map(ConsumerRecord::value).map(CaseFixtures::json).toList();
    }

    /** Each request as "template person-id". */
    public static List<String> summary(List<JsonNode> requests) {
        return requests.stream().map(r -> r.get("template").asText() + " " + r.get("recipient").get("personId").asText()).toList();
    }

    public static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static EscalationCase escalationCase(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> EscalationCase.<EscalationCase>find("reference", reference).firstResult());
    }

    public static CaseState state(String reference) {
        return escalationCase(reference).state;
    }

    public static long timelineCount(String reference, String kind) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EscalationCase escalationCase = EscalationCase.find("reference", reference).firstResult();
            return TimelineEntry.count("caseId = ?1 and kind = ?2", escalationCase.id, kind);
        });
    }
}
