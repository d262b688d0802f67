package org.safereport.escalation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "escalation")
public interface EscalationConfig {

    /** Where recipients' browsers reach this service's acknowledgement pages, e.g. https://report.example.org. */
    String publicBaseUrl();

    Acknowledgement acknowledgement();

    interface Acknowledgement {

        /** The HMAC key that signs acknowledgement links: at least 32 characters, secret. */
        String signingKey();

        /** How long a link stays valid; past that the recipient opens the case from a newer message. */
        @WithDefault("P7D")
        Duration linkValidity();

        default byte[] signingKeyBytes() {
            byte[] key = signingKey().getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalStateException("escalation.acknowledgement.signing-key must be at least 32 characters");
            }
            return key;
        }
    }

    /** How often the deadline scheduler looks for passed deadlines (read by its {@code @Scheduled}). */
    @WithDefault("5s")
    String deadlineCheckInterval();

    /** How long after a failed attempt to fire a deadline it is tried again. */
    @WithDefault("PT30S")
    Duration deadlineRetryInterval();

    /** After how many failed attempts in a row a track is set aside: no longer tried, and on the case's timeline. */
    @WithDefault("5")
    int deadlineSetAsideAfter();

    /** How often the policy and directory files are read again for changes (a ConfigMap update takes up to a minute to arrive). */
    @WithDefault("10s")
    String reloadInterval();

    /** How often the service checks whether a quarter has begun whose previous quarter's figures the Chair has not had. */
    @WithDefault("1h")
    String trusteesReportCheckInterval();

    Retention retention();

    /** Issue 15: what is removed when; the periods per category are in the routing policy (retention). */
    interface Retention {

        /** How often the purge looks for closed cases past their retention period, and for expired short links. */
        @WithDefault("1h")
        String purgeInterval();
    }

    Encryption encryption();

    interface Encryption {

        /**
         * How often the service looks for cases whose data key is not wrapped by the key-encryption keyset's
         * primary key, and re-wraps them: at most this long after ops rotate the key.
         */
        @WithDefault("5m")
        String rewrapInterval();
    }

    Reading reading();

    /** Issue 14: every member reads the policy; how often and how many times they are reminded is in the policy file. */
    interface Reading {

        /** How often to look for people added to the directory since, to invite, and for reminders due. */
        @WithDefault("1h")
        String checkInterval();
    }

    Staff staff();

    /** Where this service reaches the intake service's internal API (inside the cluster, never through the Ingress). */
    URI intakeUrl();

    interface Staff {

        /**
         * The claim of the provider's token that holds a person's email, matched (ignoring case) to the people
         * directory: {@code email} for Keycloak and Google, {@code preferred_username} or {@code upn} for Entra ID.
         */
        @WithDefault("email")
        String emailClaim();
    }

    /** The routing policy file; the bundled first version when not set. */
    DataFile policy();

    /** The people directory file; the bundled sample when not set. */
    DataFile directory();

    /**
     * The policy's own words, as every member reads them (Markdown: headings, paragraphs and lists); the bundled
     * text when not set. Read again with the other two files.
     */
    DataFile policyText();

    interface DataFile {
        Optional<String> file();
    }
}
