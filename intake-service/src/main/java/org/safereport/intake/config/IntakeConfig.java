package org.safereport.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "intake")
public interface IntakeConfig {

    /** Where reporters' browsers reach the form, e.g. {@code https://report.example.org}: links in receipt emails. */
    String publicBaseUrl();

    RateLimit rateLimit();

    /**
     * How long a first answer is kept for retries with the same Idempotency-Key. After that the key may
     * file a new report, and the sealed receipt code is gone.
     */
    @WithDefault("P1D")
    Duration idempotencyRetention();

    interface RateLimit {
        /** How many reports and status look-ups one client may make per window. */
        @WithDefault("20")
        int maxRequests();

        @WithDefault("PT10M")
        Duration window();
    }
}
