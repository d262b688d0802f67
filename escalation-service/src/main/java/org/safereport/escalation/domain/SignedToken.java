package org.safereport.escalation.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * What the links in our emails carry: fields joined by "|", base64url-encoded and signed with HMAC-SHA256, so
 * that they cannot be forged or altered; the last field is the expiry, in epoch seconds. Each kind of link has
 * its own fields (an acknowledgement's four; a removal request's and a link to read the policy two, their kind
 * and a row's id), so a token of one kind is never read as another.
 */
public final class SignedToken {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SignedToken() {
    }

    /** A reader of a token's fields; throws {@link IllegalArgumentException} or {@link DateTimeException} for fields it cannot read. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(List<String> fields, Instant expiresAt);
    }

    public static String sign(byte[] key, Instant expiresAt, String... fields) {
        String payload = String.join("|", fields) + "|" + expiresAt.getEpochSecond();
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(hmac(key, encoded));
    }

    /**
     * The token read by {@code reader}, if {@code signed} carries a valid signature, has {@code fieldCount} fields
     * before its expiry and has not expired at {@code now}.
     */
    public static <T> Optional<T> verify(String signed, byte[] key, Instant now, int fieldCount, Reader<T> reader) {
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
            if (parts.length != fieldCount + 1) {
                return Optional.empty();
            }
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[fieldCount]));
            T token = reader.read(List.of(parts).subList(0, fieldCount), expiresAt);
            return now.isBefore(expiresAt) ? Optional.of(token) : Optional.empty();
        } catch (IllegalArgumentException | DateTimeException e) {
            // Not base64, not a UUID or a number, or an expiry beyond the range of an Instant.
            return Optional.empty();
        }
    }

    /** A link that names one row by its id, headed by its kind ("removal", "policy-reading"). */
    public static String signId(byte[] key, Instant expiresAt, String kind, UUID id) {
        return sign(key, expiresAt, kind, id.toString());
    }

    /** The token made by {@code token} from the id, if {@code signed} is a valid, unexpired link of {@code kind}. */
    public static <T> Optional<T> verifyId(String signed, byte[] key, Instant now, String kind, BiFunction<UUID, Instant, T> token) {
        return verify(signed, key, now, 2, (fields, expiresAt) -> {
            if (!kind.equals(fields.get(0))) {
                throw new IllegalArgumentException("not a " + kind + " link");
            }
            return token.apply(UUID.fromString(fields.get(1)), expiresAt);
        });
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
