package org.safereport.escalation.domain;

import org.junit.jupiter.api.Test;
import org.safereport.escalation.SignedTokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The removal request's link signs as acknowledgement links do, and neither kind of link is taken for the other. */
class RemovalTokenTest {

    private static final byte[] KEY = "test-signing-key-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aSignedTokenVerifiesUntilItExpiresAndOnlyWithItsKey() {
        RemovalToken token = new RemovalToken(UUID.randomUUID(), NOW.plusSeconds(60));
        String signed = token.sign(KEY);

        assertThat(RemovalToken.verify(signed, KEY, NOW)).contains(token);
        assertThat(RemovalToken.verify(signed, KEY, NOW.plusSeconds(60))).isEmpty();
        assertThat(RemovalToken.verify(signed, "another-signing-key-of-at-least-32-chars".getBytes(StandardCharsets.UTF_8), NOW)).isEmpty();
        assertThat(RemovalToken.verify(signed.substring(0, signed.length() - 2), KEY, NOW)).as("altered").isEmpty();
    }

    @Test
    void anAcknowledgementLinkIsNoRemovalLinkNorTheOtherWayRound() {
        UUID id = UUID.randomUUID();
        String acknowledgement = new AcknowledgementToken(id, 0, "dsl", NOW.plusSeconds(60)).sign(KEY);
        String removal = new RemovalToken(id, NOW.plusSeconds(60)).sign(KEY);

        assertThat(RemovalToken.verify(acknowledgement, KEY, NOW)).isEmpty();
        assertThat(AcknowledgementToken.verify(removal, KEY, NOW)).isEmpty();
        // Three fields, as a removal link has, but not of that kind.
        assertThat(RemovalToken.verify(SignedTokens.signed("acknowledgement|" + id + "|" + NOW.plusSeconds(60).getEpochSecond(), KEY),
                KEY, NOW)).isEmpty();
    }
}
