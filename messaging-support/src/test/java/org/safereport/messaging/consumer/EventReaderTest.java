package org.safereport.messaging.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safereport.events.ReportSubmittedV1;
import org.safereport.messaging.tracing.TraceContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventReaderTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final EventReader reader = new EventReader(JSON, new Redelivery(Duration.ofMillis(1), Duration.ofMillis(5), 3), meters,
            SdkTracerProvider.builder().build().get("event-reader-test"), null);  // one record at a time needs no persistence context
    private final List<ReportSubmittedV1> handled = new ArrayList<>();

    private static ConsumerRecord<String, String> record(String payload) {
        return new ConsumerRecord<>(ReportSubmittedV1.TOPIC, 0, 42L, "a-report-id", payload);
    }

    private double deadLettered(String reason) {
        return meters.counter(EventReader.DEAD_LETTERED, "topic", ReportSubmittedV1.TOPIC, "reason", reason).count();
    }

    @Test
    void aUsableEventIsHandledAsItsContract() throws Exception {
        ReportSubmittedV1 event = ReportSubmittedV1.of(UUID.randomUUID(), "SM-7KQ4-2M9X", "RESIDENT_CONTACT", true,
                "member@example.org", null, 0, Instant.parse("2026-11-25T12:00:00Z"));

        reader.handle(record(JSON.writeValueAsString(event)), ReportSubmittedV1.class, handled::add);

        assertThat(handled).containsExactly(event);
    }

    @Test
    void textThatIsNotTheEventIsRefusedWithoutTheAddressesItQuotes() {
        String payload = "{\"eventType\":\"report.submitted\",\"schemaVersion\":1,\"reporterEmail\":[\"reporter@example.org\"]}";

        assertThatThrownBy(() -> reader.handle(record(payload), ReportSubmittedV1.class, handled::add))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("not a readable ReportSubmittedV1 event")
                .hasMessageNotContaining("reporter@example.org");
        assertThat(handled).isEmpty();
    }

    @Test
    void anEventItsContractFindsUnusableIsRefusedWithItsProblem() {
        String payload = "{\"eventType\":\"report.submitted\",\"schemaVersion\":1,\"eventId\":\"" + UUID.randomUUID()
                + "\",\"reportId\":\"" + UUID.randomUUID() + "\",\"reference\":\"<script>\",\"category\":\"X\","
                + "\"submittedAt\":\"2026-11-25T12:00:00Z\"}";

        assertThatThrownBy(() -> reader.handle(record(payload), ReportSubmittedV1.class, handled::add))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessage("the reference is not of the form SM-XXXX-XXXX");
        assertThat(handled).isEmpty();
    }

    @Test
    void anEmptyMessageIsRefused() {
        assertThatThrownBy(() -> reader.handle(record("null"), ReportSubmittedV1.class, handled::add))
                .isInstanceOf(UnreadableMessageException.class).hasMessage("empty message");
    }

    @Test
    void whatGoesToTheDeadLetterTopicIsCountedByTopicAndReason() throws Exception {
        ReportSubmittedV1 event = ReportSubmittedV1.of(UUID.randomUUID(), "SM-7KQ4-2M9X", "RESIDENT_CONTACT", true,
                "member@example.org", null, 0, Instant.parse("2026-11-25T12:00:00Z"));

        assertThatThrownBy(() -> reader.handle(record("{not json"), ReportSubmittedV1.class, handled::add))
                .isInstanceOf(UnreadableMessageException.class);
        assertThatThrownBy(() -> reader.handle(record(JSON.writeValueAsString(event)), ReportSubmittedV1.class, report -> {
            throw new IllegalStateException("the directory has no one to route to");
        })).isInstanceOf(DeadLetterException.class).hasMessageContaining("report SM-7KQ4-2M9X failed on 3 attempts");

        assertThat(deadLettered("unreadable")).isEqualTo(1);
        assertThat(deadLettered("kept-failing")).isEqualTo(1);
        assertThat(deadLettered("refused-data")).isZero();
    }

    @Test
    void theHandlingRunsInASpanThatContinuesTheTraceOfTheRecordsHeaders() throws Exception {
        String producerTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String producerSpanId = "00f067aa0ba902b7";
        ConsumerRecord<String, String> record = record(JSON.writeValueAsString(ReportSubmittedV1.of(UUID.randomUUID(),
                "SM-7KQ4-2M9X", "RESIDENT_CONTACT", true, null, null, 0, Instant.parse("2026-11-25T12:00:00Z"))));
        record.headers().add("traceparent", ("00-" + producerTraceId + "-" + producerSpanId + "-01").getBytes(StandardCharsets.UTF_8));
        List<SpanContext> handledIn = new ArrayList<>();
        List<TraceContext> storedWith = new ArrayList<>();

        reader.handle(record, ReportSubmittedV1.class, event -> {
            handledIn.add(Span.current().getSpanContext());
            storedWith.add(TraceContext.current());
        });

        assertThat(handledIn.get(0).getTraceId()).isEqualTo(producerTraceId);
        assertThat(handledIn.get(0).getSpanId()).isNotEqualTo(producerSpanId);
        // What the handling stores in the outbox is a child of the consumer's span, in the producer's trace.
        assertThat(storedWith.get(0).traceparent()).isEqualTo("00-" + producerTraceId + "-" + handledIn.get(0).getSpanId() + "-01");
        assertThat(Span.current().getSpanContext().isValid()).as("no span left current after the handling").isFalse();
    }
}
