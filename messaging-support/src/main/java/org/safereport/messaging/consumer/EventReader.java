package org.safereport.messaging.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.safereport.events.PublishedEvent;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The one way a consumer reads an event: parse it as its contract, check that it can be handled, and handle
 * it until its transaction commits ({@link Redelivery}). An event that is not to be handled (it cannot be
 * read, or its handling kept failing) is refused with a {@link DeadLetterException}, which sends it to the
 * channel's dead-letter topic; each is logged and counted in {@value #DEAD_LETTERED} by topic and reason. The
 * reason has addresses and numbers taken out, since the payload or the failure it quotes may hold them.
 */
@ApplicationScoped
public class EventReader {

    /** The counter of records sent to a dead-letter topic, tagged with the topic they came from and the reason. */
    public static final String DEAD_LETTERED = "consumer.dead.lettered";

    private static final Logger LOG = Logger.getLogger(EventReader.class);

    private final ObjectMapper objectMapper;
    private final Redelivery redelivery;
    private final MeterRegistry meters;

    public EventReader(ObjectMapper objectMapper, Redelivery redelivery, MeterRegistry meters) {
        this.objectMapper = objectMapper;
        this.redelivery = redelivery;
        this.meters = meters;
    }

    /** Reads {@code record} as a {@code type} event and runs {@code handling} on it until it commits. */
    public <T extends PublishedEvent> void handle(ConsumerRecord<String, String> record, Class<T> type, Consumer<T> handling) {
        try {
            T event = read(record.value(), type);
            redelivery.untilHandled(event.describe(), () -> handling.accept(event));
        } catch (DeadLetterException e) {
            meters.counter(DEAD_LETTERED, "topic", record.topic(), "reason", e.reason().tag()).increment();
            LOG.errorf("Record %s-%d@%d goes to the dead-letter topic (%s): %s", record.topic(), record.partition(),
                    record.offset(), e.reason().tag(), e.getMessage());
            throw e;
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
