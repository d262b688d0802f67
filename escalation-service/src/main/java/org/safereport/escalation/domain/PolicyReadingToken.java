package org.safereport.escalation.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The token in the link to read the policy: names one person's invitation to read one version (by the
 * invitation's id, so the link carries neither), expires, and is signed ({@link SignedToken}). Its payload starts
 * with {@value #KIND}, so that no acknowledgement token is ever taken for one.
 */
public record PolicyReadingToken(UUID readingId, Instant expiresAt) {

    private static final String KIND = "policy-reading";

    public String sign(byte[] key) {
        return SignedToken.sign(KIND + "|" + readingId + "|" + expiresAt.getEpochSecond(), key);
    }

    /** The token, if {@code signed} carries a valid signature and has not expired at {@code now}. */
    public static Optional<PolicyReadingToken> verify(String signed, byte[] key, Instant now) {
        return SignedToken.payload(signed, key).flatMap(PolicyReadingToken::parse)
                .filter(token -> now.isBefore(token.expiresAt()));
    }

    private static Optional<PolicyReadingToken> parse(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 3 || !parts[0].equals(KIND)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PolicyReadingToken(UUID.fromString(parts[1]), Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
