package org.safereport.notification.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.safereport.testing.KafkaTopics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads the notification.status events that the service published on notifications.status.v1. */
public final class StatusEvents {

    public static final String TOPIC = "notifications.status.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusEvents() {
    }

    /** Waits for {@code count} events of the request that match, and returns all of the request's that match. */
    public static List<JsonNode> await(UUID requestId, int count, Predicate<JsonNode> match, Duration timeout) {
        return KafkaTopics.awaitRecords(TOPIC, count, record -> isFor(record, requestId) && match.test(read(record)), timeout)
                .stream().map(StatusEvents::read).toList();
    }

    /** Every event of the request, after waiting {@code settle} for late ones. */
    public static List<JsonNode> all(UUID requestId, Duration settle) {
        return KafkaTopics.recordsAfter(settle, TOPIC, record -> isFor(record, requestId)).stream().map(StatusEvents::read).toList();
    }

    public static Predicate<JsonNode> sent() {
        return event -> "SENT".equals(event.path("outcome").asText());
    }

    public static Predicate<JsonNode> failed(boolean permanent) {
        return event -> "FAILED".equals(event.path("outcome").asText()) && event.path("permanent").asBoolean() == permanent;
    }

    public static Predicate<JsonNode> channel(String channel) {
        return event -> channel.equals(event.path("channel").asText());
    }

    private static boolean isFor(ConsumerRecord<String, String> record, UUID requestId) {
        return requestId.toString().equals(record.key());
    }

    private static JsonNode read(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
