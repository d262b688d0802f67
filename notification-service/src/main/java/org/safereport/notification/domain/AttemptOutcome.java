package org.safereport.notification.domain;

/** What one attempt to deliver a notification came to, as the channel's sender judged it. */
public sealed interface AttemptOutcome {

    /**
     * The provider accepted the message.
     *
     * @param providerMessageId the provider's id for it (the SMTP Message-ID, the SMS provider's message sid), for support
     */
    record Sent(String providerMessageId) implements AttemptOutcome {
    }

    /**
     * The attempt failed.
     *
     * @param permanent {@code true} when the same attempt can never succeed (an unknown mailbox, an invalid number,
     *                  a template that does not exist), {@code false} when a later one may (an outage, a rate limit)
     * @param reason why, for the status event and the operators: never an address, a number or a name
     */
    record Failed(boolean permanent, String reason) implements AttemptOutcome {

        public static Failed permanent(String reason) {
            return new Failed(true, reason);
        }

        public static Failed transientFailure(String reason) {
            return new Failed(false, reason);
        }
    }
}
