package org.safereport.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "intake")
public interface IntakeConfig {

    /** Where reporters' browsers reach the form, e.g. {@code https://report.example.org}: links in receipt emails. */
    String publicBaseUrl();

    /** The status page for {@code reference}, as emails to the reporter link to it. */
    default String statusPage(String reference) {
        return publicBaseUrl() + "/status?reference=" + reference;
    }

    RateLimit rateLimit();

    /**
     * How long a first answer is kept for retries with the same Idempotency-Key. After that the key may
     * file a new report, and the sealed receipt code is gone.
     */
    @WithDefault("P1D")
    Duration idempotencyRetention();

    InternalApi internalApi();

    Evidence evidence();

    Receipt receipt();

    /** Decoding evidence is what costs heap: an image's pixels, whatever its size in bytes. */
    interface Evidence {
        /** The most pixels an image may have: 16 megapixels take 64 MB once decoded, more than a phone photo's 12. */
        @WithDefault("16000000")
        long maxPixels();

        /** How many files (uploaded images and PDFs, thumbnails) are decoded at once, all together. */
        @WithDefault("1")
        int concurrentDecodes();

        /** How long a decode waits for its turn before the request is answered 503 with Retry-After. */
        @WithDefault("PT20S")
        Duration decodeWait();
    }

    /** The receipt email a reporter may ask for. */
    interface Receipt {
        /** The organisation's email domains: a receipt is sent only to an address at one of them. */
        List<String> allowedDomains();
    }

    interface RateLimit {
        /** How many reports and status look-ups one client may make per window. */
        @WithDefault("20")
        int maxRequests();

        @WithDefault("PT10M")
        Duration window();
    }

    /** The API under /internal that the escalation service reads reports through (never routed from the internet). */
    interface InternalApi {
        /** The OAuth clients whose tokens may call it: the services' own client, never the staff pages'. */
        @WithDefault("safereport-services")
        List<String> allowedClients();

        /**
         * The token claim that names the client a token was issued to: {@code azp} for Keycloak and for
         * Microsoft Entra ID v2 tokens ({@code appid} in its v1 tokens).
         */
        @WithDefault("azp")
        String clientClaim();
    }
}
