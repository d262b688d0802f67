package org.safereport.escalation.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The token in an acknowledgement link: names the case track, the step and the person, expires, and is
 * signed ({@link SignedToken}) so that it cannot be forged or altered. Single use is enforced by the case:
 * once a track is acknowledged, its links only say who has it.
 */
public record AcknowledgementToken(UUID trackId, int step, String personId, Instant expiresAt) {

    public String sign(byte[] key) {
        return SignedToken.sign(key, expiresAt, trackId.toString(), Integer.toString(step), personId);
    }

    /** The token, if {@code signed} carries a valid signature and has not expired at {@code now}. */
    public static Optional<AcknowledgementToken> verify(String signed, byte[] key, Instant now) {
        return SignedToken.verify(signed, key, now, 3, (fields, expiresAt) ->
                new AcknowledgementToken(UUID.fromString(fields.get(0)), Integer.parseInt(fields.get(1)), fields.get(2), expiresAt));
    }
}
