package org.safereport.testing;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Reads and writes topics of the real test broker with SmallRye's {@link KafkaCompanion}. Each read uses
 * its own consumer group from the beginning of the topic and filters, so tests pass on a broker that
 * already holds other tests' records.
 */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public static KafkaCompanion companion() {
        return new KafkaCompanion(InJvmKafka.bootstrapServers());
    }

    /** Waits until {@code topic} holds records matching {@code match}, and returns them once {@code count} have arrived. */
    public static List<ConsumerRecord<String, String>> awaitRecords(String topic, int count,
                                                                    Predicate<ConsumerRecord<String, String>> match,
                                                                    Duration timeout) {
        try (KafkaCompanion companion = companion();
             ConsumerTask<String, String> task = companion.consumeStrings()
                     .withGroupId("test-" + UUID.randomUUID())
                     .withOffsetReset(OffsetResetStrategy.EARLIEST)
                     .fromTopics(topic)) {
            await().atMost(timeout).until(() -> task.stream().filter(match).count() >= count);
            return task.stream().filter(match).toList();
        }
    }

    /** The records matching {@code match} on {@code topic} after waiting {@code settle} for late ones. */
    public static List<ConsumerRecord<String, String>> recordsAfter(Duration settle, String topic,
                                                                    Predicate<ConsumerRecord<String, String>> match) {
        try (KafkaCompanion companion = companion();
             ConsumerTask<String, String> task = companion.consumeStrings()
                     .withGroupId("test-" + UUID.randomUUID())
                     .withOffsetReset(OffsetResetStrategy.EARLIEST)
                     .fromTopics(topic)) {
            try {
                Thread.sleep(settle.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return task.stream().filter(match).toList();
        }
    }

    public static void send(String topic, String key, String value) {
        try (KafkaCompanion companion = companion()) {
            companion.produceStrings()
                    .fromRecords(KafkaCompanion.record(topic, key, value))
                    .awaitCompletion(Duration.ofSeconds(30));
        }
    }
}
