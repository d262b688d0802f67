package org.safereport.escalation.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The token in an acknowledgement link: names the case track, the step and the person, expires, and is
 * signed with HMAC-SHA256 so that it cannot be forged or altered. Single use is enforced by the case:
 * once a track is acknowledged, its links only say who has it.
 */
public record AcknowledgementToken(UUID trackId, int step, String personId, Instant expiresAt) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String sign(byte[] key) {
        String payload = trackId + "|" + step + "|" + personId + "|" + expiresAt.getEpochSecond();
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(hmac(key, encoded));
    }

    /** The token, if {@code signed} carries a valid signature and has not expired at {@code now}. */
    public static Optional<AcknowledgementToken> verify(String signed, byte[] key, Instant now) {
        try {
            int dot = signed.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            String encoded = signed.substring(0, dot);
            if (!MessageDigest.isEqual(hmac(key, encoded), DECODER.decode(signed.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            AcknowledgementToken token = new AcknowledgementToken(UUID.fromString(parts[0]), Integer.parseInt(parts[1]),
                    parts[2], Instant.ofEpochSecond(Long.parseLong(parts[3])));
            return now.isBefore(token.expiresAt()) ? Optional.of(token) : Optional.empty();
        } catch (IllegalArgumentException | DateTimeException e) {
            // Not base64, not a UUID or a number, or an expiry beyond the range of an Instant.
            return Optional.empty();
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
