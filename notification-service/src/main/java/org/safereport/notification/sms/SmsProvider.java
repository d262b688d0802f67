package org.safereport.notification.sms;

import org.safereport.notification.domain.AttemptOutcome;

/** A service that delivers text messages. */
public interface SmsProvider {

    /**
     * Makes one attempt to send a text, blocking for at most the configured timeouts.
     *
     * @param to the number in international (E.164) form
     * @param body the text, already within one GSM-7 message
     * @return {@link AttemptOutcome.Sent} with the provider's message id, or the failure classified as
     *         permanent (the provider will never take this message) or transient (it may later)
     */
    AttemptOutcome send(String to, String body);
}
