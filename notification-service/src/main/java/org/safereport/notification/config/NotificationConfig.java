package org.safereport.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The notification service's settings ({@code notification.*}); see notification-service/README.md. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    /**
     * The public address of SafeReport, e.g. {@code https://safereport.example.org}: the case link in emails
     * starts with it, and so does an acknowledgement link that the request gives as a path. Without it,
     * emails carry only the acknowledgement link the request gives.
     */
    Optional<URI> publicBaseUrl();

    /** How often each channel's dispatcher looks for deliveries that have fallen due (retries, and work a restart left). */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long a delivery that has ended (sent, or given up) is kept after it was requested; then it is removed. */
    @WithDefault("P7D")
    Duration endedDeliveriesKept();

    Email email();

    Sms sms();

    /** How one channel retries: exponential backoff with jitter, up to a number of attempts. */
    interface Retries {

        /** The wait after the first failed attempt; each later wait doubles, up to {@link #maxBackoff()}. */
        @WithDefault("PT2S")
        Duration firstBackoff();

        @WithDefault("PT5M")
        Duration maxBackoff();

        /** Attempts after which a delivery that still fails is given up and reported as failed for good. */
        @WithDefault("20")
        int maxAttempts();

        /** The longest one attempt may take; an attempt that takes longer counts as a transient failure. */
        @WithDefault("PT30S")
        Duration sendTimeout();

        /**
         * How many due deliveries one round claims and sends at the same time, each on its own thread; for
         * email, at most {@code quarkus.mailer.max-pool-size} so that each has an open SMTP connection.
         */
        @WithDefault("4")
        int batchSize();
    }

    interface Email extends Retries {

        /** Where replies go (e.g. the safeguarding team's shared mailbox); none when absent. */
        Optional<String> replyTo();

        /** The right-hand side of each message's stable {@code Message-ID}. */
        @WithDefault("safereport.invalid")
        String messageIdDomain();
    }

    /**
     * A Twilio-compatible Messages API. Text messages are sent only when the base URL, account, token and
     * sender are all set; until then every SMS delivery is reported as failed for good, with the reason.
     */
    interface Sms extends Retries {

        /** E.g. {@code https://api.twilio.com}; the API's path {@code /2010-04-01/Accounts/...} is added to it. */
        Optional<URI> baseUrl();

        Optional<String> accountSid();

        Optional<String> authToken();

        /** The sender: a number in international form (e.g. {@code +447700900000}) or an alphanumeric sender id. */
        Optional<String> from();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("PT10S")
        Duration readTimeout();
    }
}
