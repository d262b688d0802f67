package org.safereport.messaging.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.safereport.events.PublishedEvent;
import org.safereport.messaging.tracing.TraceContext;

import java.time.Clock;
import java.util.UUID;

/**
 * Stores an event to publish in the caller's transaction: the event exists if and only if the change
 * that caused it was committed. {@link OutboxRelay} publishes it once the transaction has committed, in the
 * trace of the span that stored it (the request or the consumed event that caused it).
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper objectMapper;
    private final Event<OutboxMessageStored> stored;
    private final Clock clock;

    public Outbox(ObjectMapper objectMapper, Event<OutboxMessageStored> stored, Clock clock) {
        this.objectMapper = objectMapper;
        this.stored = stored;
        this.clock = clock;
    }

    /** Stores {@code event} for its own topic, under {@code key} (which keeps the key's events in order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String key, PublishedEvent event) {
        add(event.topic(), key, event.eventId(), event.eventType(), event);
    }

    /**
     * @param eventId the event's unique id, which consumers use to drop duplicates
     * @param event a record that Jackson serialises as the message's JSON body
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String key, UUID eventId, String eventType, Object event) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = eventId;
        message.topic = topic;
        message.key = key;
        message.eventType = eventType;
        message.payload = toJson(event);
        message.createdAt = clock.instant();
        TraceContext trace = TraceContext.current();
        message.traceparent = trace.traceparent();
        message.tracestate = trace.tracestate();
        message.persist();
        stored.fire(new OutboxMessageStored());
    }

    private String toJson(Object event) {
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }

    /** Fired in the storing transaction; the relay observes it after a successful commit. */
    public record OutboxMessageStored() {
    }
}
