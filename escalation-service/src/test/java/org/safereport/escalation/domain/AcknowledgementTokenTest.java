package org.safereport.escalation.domain;

import org.junit.jupiter.api.Test;
import org.safereport.escalation.SignedTokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
            assertThat(AcknowledgementToken.verify(SignedTokens.signed(track + "|0|dsl|" + seconds, KEY), KEY, NOW)).isEmpty();
        }
    }
}
