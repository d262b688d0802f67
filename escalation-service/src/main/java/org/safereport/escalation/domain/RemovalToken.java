package org.safereport.escalation.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The token in the link a person asked to remove a post answers through: names the removal request, expires,
 * and is signed ({@link SignedToken}). It answers once: a request already answered only shows its answer.
 */
public record RemovalToken(UUID requestId, Instant expiresAt) {

    private static final String KIND = "removal";

    public String sign(byte[] key) {
        return SignedToken.signId(key, expiresAt, KIND, requestId);
    }

    /** The token, if {@code signed} is a removal request's, carries a valid signature and has not expired at {@code now}. */
    public static Optional<RemovalToken> verify(String signed, byte[] key, Instant now) {
        return SignedToken.verifyId(signed, key, now, KIND, RemovalToken::new);
    }
}
