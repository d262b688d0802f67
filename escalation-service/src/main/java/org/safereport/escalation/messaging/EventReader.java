package org.safereport.escalation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.safereport.messaging.consumer.UnreadableMessageException;

import java.io.IOException;
import java.util.function.Function;

/** Reads a consumed event, or refuses it as unreadable so that it goes to the dead-letter topic. */
final class EventReader {

    private EventReader() {
    }

    /** @param problem why a parsed event cannot be used, or {@code null} when it can */
    static <T> T read(ObjectMapper objectMapper, String payload, Class<T> type, Function<T, String> problem) {
        T event;
        try {
            event = objectMapper.readValue(payload, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableMessageException("not a readable " + type.getSimpleName() + " event: " + e.getMessage(), e);
        }
        String wrong = event == null ? "empty message" : problem.apply(event);
        if (wrong != null) {
            throw new UnreadableMessageException(wrong, null);
        }
        return event;
    }
}
