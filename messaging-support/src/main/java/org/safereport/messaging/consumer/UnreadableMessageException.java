package org.safereport.messaging.consumer;

/**
 * A consumed message that can never be handled, e.g. one that is not valid JSON for its event type.
 * Thrown out of an {@code @Incoming} method it sends the record to the channel's dead-letter topic,
 * with this message as the reason in its headers, and consumption goes on with the next record.
 */
public class UnreadableMessageException extends RuntimeException {

    public UnreadableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
