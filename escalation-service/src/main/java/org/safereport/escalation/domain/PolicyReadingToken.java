package org.safereport.escalation.domain;

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
        return SignedToken.signId(key, expiresAt, KIND, readingId);
    }

    /** The token, if {@code signed} carries a valid signature and has not expired at {@code now}. */
    public static Optional<PolicyReadingToken> verify(String signed, byte[] key, Instant now) {
        return SignedToken.verifyId(signed, key, now, KIND, PolicyReadingToken::new);
    }
}
