package org.safereport.messaging.consumer;

import java.util.Locale;

/**
 * A consumed message that will not be handled. Thrown out of an {@code @Incoming} method it sends the
 * record to the channel's dead-letter topic, with this message as the reason in its headers, and
 * consumption goes on with the next record. The message leaves the service, so it never quotes personal
 * data, and there is no cause: the connector would copy the cause's message into the headers as well.
 */
public class DeadLetterException extends RuntimeException {

    /** Why; its {@link #tag()} is the {@code reason} of the dead-letter metric. */
    public enum Reason {
        /** Not an event of the topic's contract, or one its contract finds unusable. */
        UNREADABLE,
        /** The database refuses the event's data (SQLSTATE class 22): every attempt would fail the same way. */
        REFUSED_DATA,
        /** Handling failed on every one of its attempts, for a reason other than the database being out of reach. */
        KEPT_FAILING;

        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public DeadLetterException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
