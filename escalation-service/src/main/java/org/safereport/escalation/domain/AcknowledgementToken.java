package org.safereport.escalation.domain;

import java.time.DateTimeException;
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
        return SignedToken.sign(trackId + "|" + step + "|" + personId + "|" + expiresAt.getEpochSecond(), key);
    }

    /** The token, if {@code signed} carries a valid signature and has not expired at {@code now}. */
    public static Optional<AcknowledgementToken> verify(String signed, byte[] key, Instant now) {
        return SignedToken.payload(signed, key).flatMap(AcknowledgementToken::parse)
                .filter(token -> now.isBefore(token.expiresAt()));
    }

    private static Optional<AcknowledgementToken> parse(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AcknowledgementToken(UUID.fromString(parts[0]), Integer.parseInt(parts[1]), parts[2],
                    Instant.ofEpochSecond(Long.parseLong(parts[3]))));
        } catch (IllegalArgumentException | DateTimeException e) {
            // Not a UUID or a number, or an expiry beyond the range of an Instant.
            return Optional.empty();
        }
    }
}
