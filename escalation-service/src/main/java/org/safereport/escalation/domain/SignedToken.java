package org.safereport.escalation.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The signed part of every link this service sends (acknowledgements, the policy to read): a payload signed with
 * HMAC-SHA256 so that it cannot be forged or altered. What the payload holds, and when it expires, is each link's
 * own ({@link AcknowledgementToken}, {@link PolicyReadingToken}).
 */
public final class SignedToken {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SignedToken() {
    }

    public static String sign(String payload, byte[] key) {
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(hmac(key, encoded));
    }

    /** The payload, if {@code signed} carries a valid signature. */
    public static Optional<String> payload(String signed, byte[] key) {
        try {
            int dot = signed.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            String encoded = signed.substring(0, dot);
            if (!MessageDigest.isEqual(hmac(key, encoded), DECODER.decode(signed.substring(dot + 1)))) {
                return Optional.empty();
            }
            return Optional.of(new String(DECODER.decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64
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
