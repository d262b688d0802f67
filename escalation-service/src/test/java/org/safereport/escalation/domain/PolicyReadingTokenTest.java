package org.safereport.escalation.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyReadingTokenTest {

    private static final byte[] KEY = "test-signing-key-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aSignedTokenVerifiesUntilItExpiresAndOnlyWithItsKey() {
        PolicyReadingToken token = new PolicyReadingToken(UUID.randomUUID(), NOW.plusSeconds(60));
        String signed = token.sign(KEY);

        assertThat(PolicyReadingToken.verify(signed, KEY, NOW)).contains(token);
        assertThat(PolicyReadingToken.verify(signed, KEY, NOW.plusSeconds(60))).isEmpty();
        assertThat(PolicyReadingToken.verify(signed, "another-signing-key-of-at-least-32-chars".getBytes(StandardCharsets.UTF_8), NOW)).isEmpty();
        assertThat(PolicyReadingToken.verify(signed.substring(1), KEY, NOW)).isEmpty();
    }

    @Test
    void anAcknowledgementLinkIsNeverTakenForALinkToReadThePolicyNorTheOtherWayRound() {
        String acknowledgement = new AcknowledgementToken(UUID.randomUUID(), 0, "dsl", NOW.plusSeconds(60)).sign(KEY);
        String reading = new PolicyReadingToken(UUID.randomUUID(), NOW.plusSeconds(60)).sign(KEY);

        assertThat(PolicyReadingToken.verify(acknowledgement, KEY, NOW)).isEmpty();
        assertThat(AcknowledgementToken.verify(reading, KEY, NOW)).isEmpty();
    }
}
