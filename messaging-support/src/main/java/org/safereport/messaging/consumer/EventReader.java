package org.safereport.messaging.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;
import org.safereport.events.PublishedEvent;
import org.safereport.messaging.tracing.TraceContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one way a consumer reads an event: parse it as its contract, check that it can be handled, and handle
 * it until its transaction commits ({@link Redelivery}). An event that is not to be handled (it cannot be
 * read, or its handling kept failing) is refused with a {@link DeadLetterException}, which sends it to the
 * channel's dead-letter topic; each is logged and counted in {@value #DEAD_LETTERED} by topic and reason. The
 * reason has addresses and numbers taken out, since the payload or the failure it quotes may hold them.
 * <p>
 * The handling runs in a span that continues the trace in the record's {@code traceparent} header, so that the
 * events it stores in the outbox, and what they cause in the next service, are in the same trace. The span
 * names the event as {@link PublishedEvent#describe()} does (a report's reference), never its content.
 */
@ApplicationScoped
public class EventReader {

    /** The counter of records sent to a dead-letter topic, tagged with the topic they came from and the reason. */
    public static final String DEAD_LETTERED = "consumer.dead.lettered";

    private static final Logger LOG = Logger.getLogger(EventReader.class);

    private final ObjectMapper objectMapper;
    private final Redelivery redelivery;
    private final MeterRegistry meters;
    private final Tracer tracer;
    private final EntityManager entityManager;

    public EventReader(ObjectMapper objectMapper, Redelivery redelivery, MeterRegistry meters, Tracer tracer,
                       EntityManager entityManager) {
        this.objectMapper = objectMapper;
        this.redelivery = redelivery;
        this.meters = meters;
        this.tracer = tracer;
        this.entityManager = entityManager;
    }

    /** Reads {@code record} as a {@code type} event and runs {@code handling} on it until it commits. */
    public <T extends PublishedEvent> void handle(ConsumerRecord<String, String> record, Class<T> type, Consumer<T> handling) {
        Delivered delivered = Delivered.of(record);
        T event = readOrRefuse(delivered, type);
        untilHandled(delivered, event, () -> handling.accept(event));
    }

    /**
     * Handles the records of one poll, in order: all of them in one transaction, which is what keeps a busy consumer
     * cheap (one commit, one persistence context and one acknowledgement for many records). When that transaction
     * fails, nothing of it is kept and each record is handled on its own, as {@link #handle} does: one that cannot be
     * handled costs only itself, and goes to the dead-letter topic while the others are handled. A record that cannot
     * be read goes there at once. The batch is acknowledged once each of its records is handled or dead-lettered.
     *
     * @param handling runs in the caller's transaction, given the event and the record's JSON as it came
     */
    public <T extends PublishedEvent> CompletionStage<Void> handleBatch(KafkaRecordBatch<String, String> batch, Class<T> type,
                                                                        BiConsumer<T, String> handling) {
        List<Read<T>> readable = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            Delivered delivered = Delivered.of(record);
            try {
                readable.add(new Read<>(record, delivered, readOrRefuse(delivered, type)));
            } catch (UnreadableMessageException e) {
                deadLetter(record, e);
            }
        }
        try {
            if (!readable.isEmpty() && !handledTogether(readable, handling)) {
                for (Read<T> each : readable) {
                    try {
                        untilHandled(each.delivered(), each.event(), () -> QuarkusTransaction.requiringNew()
                                .run(() -> handling.accept(each.event(), each.delivered().payload())));
                    } catch (DeadLetterException e) {
                        deadLetter(each.record(), e);
                    }
                }
            }
        } catch (IllegalStateException shuttingDown) {
            // Redelivery gives up only on shutdown: what is not acknowledged is read again after the restart.
            LOG.infof("%s: %d record(s) left unacknowledged while shutting down", batch.getRecords().get(0).getTopic(),
                    readable.size());
            return new CompletableFuture<>();
        }
        return batch.ack();
    }

    private <T extends PublishedEvent> boolean handledTogether(List<Read<T>> batch, BiConsumer<T, String> handling) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (Read<T> each : batch) {
                    Span span = startSpan(each.delivered(), each.event());
                    try (Scope handlingInSpan = span.makeCurrent()) {
                        handling.accept(each.event(), each.delivered().payload());
                        // Each record starts from an empty persistence context: otherwise every query of the
                        // next one would first check all that the batch has loaded so far for changes to flush.
                        entityManager.flush();
                        entityManager.clear();
                    } finally {
                        span.end();
                    }
                }
            });
            return true;
        } catch (RuntimeException e) {
            // Rolled back as a whole: which record failed, and whether it would fail again, is found one at a time.
            LOG.debugf("A batch of %d %s record(s) failed together, handling them one at a time: %s", batch.size(),
                    batch.get(0).delivered().topic(), PersonalData.redact(e.toString()));
            return false;
        }
    }

    /**
     * Runs {@code handling} in the event's span until it commits ({@link Redelivery}).
     *
     * @throws DeadLetterException counted and logged, when the record is to go to the dead-letter topic
     */
    private void untilHandled(Delivered delivered, PublishedEvent event, Runnable handling) {
        Span span = startSpan(delivered, event);
        try (Scope handlingInSpan = span.makeCurrent()) {
            redelivery.untilHandled(event.describe(), handling);
        } catch (DeadLetterException e) {
            refused(delivered, span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** @throws UnreadableMessageException counted and logged in a span of its own: not a usable {@code type} event */
    private <T extends PublishedEvent> T readOrRefuse(Delivered delivered, Class<T> type) {
        try {
            return read(delivered.payload(), type);
        } catch (UnreadableMessageException e) {
            Span span = startSpan(delivered, null);
            refused(delivered, span, e);
            span.end();
            throw e;
        }
    }

    /** Sends one record of a batch to the channel's dead-letter topic, and waits until it is there. */
    private static void deadLetter(KafkaRecord<String, String> record, DeadLetterException reason) {
        record.nack(reason).toCompletableFuture().join();
    }

    /** @param event the event it was read as, named in the span; {@code null} when it could not be read */
    private Span startSpan(Delivered delivered, PublishedEvent event) {
        SpanBuilder span = tracer.spanBuilder(delivered.topic() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceContext.of(delivered.headers()).restore())
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", delivered.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(delivered.partition()))
                .setAttribute("messaging.kafka.offset", delivered.offset());
        if (event != null) {
            span.setAttribute("safereport.event", event.describe());
        }
        return span.startSpan();
    }

    /** Logs and counts a record that goes to the dead-letter topic. */
    private void refused(Delivered delivered, Span span, DeadLetterException e) {
        meters.counter(DEAD_LETTERED, "topic", delivered.topic(), "reason", e.reason().tag()).increment();
        LOG.errorf("Record %s-%d@%d goes to the dead-letter topic (%s): %s", delivered.topic(), delivered.partition(),
                delivered.offset(), e.reason().tag(), e.getMessage());
        span.setStatus(StatusCode.ERROR, "dead-lettered: " + e.reason().tag());
    }

    /** What a consumed record is, whether it came alone or in a batch. */
    private record Delivered(String topic, int partition, long offset, Headers headers, String payload) {

        static Delivered of(ConsumerRecord<String, String> record) {
            return new Delivered(record.topic(), record.partition(), record.offset(), record.headers(), record.value());
        }

        @SuppressWarnings("unchecked")
        static Delivered of(KafkaRecord<String, String> record) {
            IncomingKafkaRecord<String, String> incoming = record.unwrap(IncomingKafkaRecord.class);
            return new Delivered(incoming.getTopic(), incoming.getPartition(), incoming.getOffset(), incoming.getHeaders(),
                    incoming.getPayload());
        }
    }

    private record Read<T>(KafkaRecord<String, String> record, Delivered delivered, T event) {
    }

    /** @throws UnreadableMessageException when {@code payload} is not a usable {@code type} event */
    private <T extends PublishedEvent> T read(String payload, Class<T> type) {
        T event;
        try {
            event = objectMapper.readValue(payload, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableMessageException(PersonalData.redact("not a readable " + type.getSimpleName() + " event: "
                    + e.getMessage()));
        }
        String problem = event == null ? "empty message" : event.problem();
        if (problem != null) {
            throw new UnreadableMessageException(PersonalData.redact(problem));
        }
        return event;
    }
}
