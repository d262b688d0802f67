package org.safereport.intake;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.safereport.messaging.outbox.Outbox;
import org.safereport.messaging.outbox.OutboxMessage;
import org.safereport.messaging.outbox.OutboxRelay;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.KafkaTopics;
import org.safereport.testing.PostgresTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox relay (messaging-support) against the real broker: what one batch's failures do to the rest of it. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class OutboxRelayTest {

    private static final String TOPIC = "outbox-relay-test.v1";

    @Inject
    Outbox outbox;

    @Inject
    KafkaClientService kafkaClients;

    @Inject
    Tracer tracer;

    private static OutboxMessage stored(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>find("eventId", eventId).firstResult());
    }

    private static boolean hasEventId(Header header, UUID eventId) {
        return header != null && eventId.toString().equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    @Test
    void theProducerRetriesUntilItsDeliveryTimeoutAndTheConnectorNeverResends() {
        // The producer's retries are deduplicated by the broker; a connector retry would be a second record.
        Map<String, ?> producer = kafkaClients.getProducer(OutboxRelay.CHANNEL).configuration();
        assertThat(producer.get(ProducerConfig.RETRIES_CONFIG)).isEqualTo(Integer.MAX_VALUE);
        assertThat(producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).hasToString("true");
        assertThat(ConfigProvider.getConfig().getValue("mp.messaging.outgoing.outbox.retries", Long.class)).isZero();
    }

    @Test
    void aMessageKafkaRefusesNeitherHoldsBackNorRepeatsTheOthersInItsBatch() {
        UUID refused = UUID.randomUUID();
        UUID ordinary = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            // Larger than the producer's max.request.size (1 MB): refused by the client, on every attempt.
            outbox.add(TOPIC, "oversized", refused, "test.oversized", Map.of("padding", "x".repeat(1_100_000)));
            outbox.add(TOPIC, "ordinary", ordinary, "test.ordinary", Map.of("note", "an ordinary event"));
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(ordinary).publishedAt != null);
            // Several relay rounds later (one every 2 s), each still taking up the refused message.
            var published = KafkaTopics.recordsAfter(Duration.ofSeconds(6), TOPIC,
                    record -> hasEventId(record.headers().lastHeader("event-id"), ordinary));
            assertThat(published).as("the acknowledged message, published once").hasSize(1);
            assertThat(stored(refused).publishedAt).as("the refused message, still queued").isNull();
        } finally {
            QuarkusTransaction.requiringNew().run(() -> OutboxMessage.delete("eventId", refused));
        }
    }

    @Test
    void anEventIsPublishedInTheTraceOfTheSpanThatStoredIt() {
        UUID eventId = UUID.randomUUID();
        Span storing = tracer.spanBuilder("storing a test event").startSpan();
        try (Scope inSpan = storing.makeCurrent()) {
            QuarkusTransaction.requiringNew().run(() ->
                    outbox.add(TOPIC, "traced", eventId, "test.traced", Map.of("note", "an event stored in a span")));
        } finally {
            storing.end();
        }

        var published = KafkaTopics.awaitRecords(TOPIC, 1, record -> hasEventId(record.headers().lastHeader("event-id"), eventId),
                Duration.ofSeconds(30));
        Header traceparent = published.get(0).headers().lastHeader("traceparent");
        assertThat(traceparent).as("the record's W3C trace context header").isNotNull();
        // 00-<trace id>-<the relay's publish span, a child of the storing span>-<flags>
        String[] fields = new String(traceparent.value(), StandardCharsets.UTF_8).split("-");
        assertThat(fields[1]).isEqualTo(storing.getSpanContext().getTraceId());
        assertThat(fields[2]).isNotEqualTo(storing.getSpanContext().getSpanId());
    }
}
