package org.safereport.messaging.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.events.PublishedEvent;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The one way a consumer reads an event: parse it as its contract, check that it can be handled, and handle
 * it until its transaction commits ({@link Redelivery}). An event that can never be handled is refused with
 * {@link UnreadableMessageException}, which sends it to the channel's dead-letter topic; the reason it
 * carries there has addresses and numbers taken out, since the payload it quotes may hold them.
 */
@ApplicationScoped
public class EventReader {

    private final ObjectMapper objectMapper;
    private final Redelivery redelivery;

    public EventReader(ObjectMapper objectMapper, Redelivery redelivery) {
        this.objectMapper = objectMapper;
        this.redelivery = redelivery;
    }

    /** Reads {@code payload} as a {@code type} event and runs {@code handling} on it until it commits. */
    public <T extends PublishedEvent> void handle(String payload, Class<T> type, Consumer<T> handling) {
        T event = read(payload, type);
        redelivery.untilHandled(event.describe(), () -> handling.accept(event));
    }

    /** @throws UnreadableMessageException when {@code payload} is not a usable {@code type} event */
    private <T extends PublishedEvent> T read(String payload, Class<T> type) {
        T event;
        try {
            event = objectMapper.readValue(payload, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableMessageException(PersonalData.redact("not a readable " + type.getSimpleName() + " event: "
                    + e.getMessage()), null);
        }
        String problem = event == null ? "empty message" : event.problem();
        if (problem != null) {
            throw new UnreadableMessageException(PersonalData.redact(problem), null);
        }
        return event;
    }
}
