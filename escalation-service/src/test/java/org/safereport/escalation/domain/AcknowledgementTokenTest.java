package org.safereport.escalation.domain;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgementTokenTest {

    private static final byte[] KEY = "test-signing-key-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aSignedTokenVerifiesUntilItExpires() {
        AcknowledgementToken token = new AcknowledgementToken(UUID.randomUUID(), 1, "deputy-dsl", NOW.plusSeconds(60));
        String signed = token.sign(KEY);

        assertThat(AcknowledgementToken.verify(signed, KEY, NOW)).contains(token);
        assertThat(AcknowledgementToken.verify(signed, KEY, NOW.plusSeconds(60))).isEmpty();
        assertThat(AcknowledgementToken.verify(signed, "another-signing-key-of-at-least-32-chars".getBytes(StandardCharsets.UTF_8), NOW)).isEmpty();
    }

    @Test
    void aSignedTokenWhoseExpiryIsNoInstantIsRefusedNotAnError() {
        UUID track = UUID.randomUUID();
        for (long seconds : new long[]{Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(AcknowledgementToken.verify(signed(track + "|0|dsl|" + seconds), KEY, NOW)).isEmpty();
        }
    }

    /** A token signed as the service signs them, over any payload. */
    private static String signed(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String encoded = base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return encoded + "." + base64.encodeToString(mac.doFinal(encoded.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
