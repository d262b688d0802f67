package org.safereport.messaging.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.safereport.events.PublishedEvent;
import org.safereport.messaging.tracing.TraceContext;

import java.io.IOException;
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

    public EventReader(ObjectMapper objectMapper, Redelivery redelivery, MeterRegistry meters, Tracer tracer) {
        this.objectMapper = objectMapper;
        this.redelivery = redelivery;
        this.meters = meters;
        this.tracer = tracer;
    }

    /** Reads {@code record} as a {@code type} event and runs {@code handling} on it until it commits. */
    public <T extends PublishedEvent> void handle(ConsumerRecord<String, String> record, Class<T> type, Consumer<T> handling) {
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceContext.of(record.headers()).restore())
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .startSpan();
        try (Scope handlingInSpan = span.makeCurrent()) {
            T event = read(record.value(), type);
            span.setAttribute("safereport.event", event.describe());
            redelivery.untilHandled(event.describe(), () -> handling.accept(event));
        } catch (DeadLetterException e) {
            meters.counter(DEAD_LETTERED, "topic", record.topic(), "reason", e.reason().tag()).increment();
            LOG.errorf("Record %s-%d@%d goes to the dead-letter topic (%s): %s", record.topic(), record.partition(),
                    record.offset(), e.reason().tag(), e.getMessage());
            span.setStatus(StatusCode.ERROR, "dead-lettered: " + e.reason().tag());
            throw e;
        } finally {
            span.end();
        }
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
