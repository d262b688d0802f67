package org.safereport.escalation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Acknowledgement tokens made the way the service signs them, over any payload, for tests of what it accepts. */
public final class SignedTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private SignedTokens() {
    }

    /** {@code payload} signed with {@code key} as the service signs a link (the payload itself is not checked). */
    public static String signed(String payload, byte[] key) {
        String encoded = BASE64URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return encoded + "." + BASE64URL.encodeToString(mac.doFinal(encoded.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
