package org.safereport.messaging.consumer;

/** A consumed message that can never be handled because it cannot be read, e.g. one that is not valid JSON for its event type. */
public class UnreadableMessageException extends DeadLetterException {

    public UnreadableMessageException(String message) {
        super(Reason.UNREADABLE, message);
    }
}
