package org.safereport.escalation.domain.access;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A staff password hash in the form {@code pbkdf2-sha256:<iterations>:<salt, base64>:<hash, base64>}
 * (PBKDF2 with HMAC-SHA-256, from the JDK). Ops make one with the one-line command in the README; the
 * service never sees a password it has not been sent.
 */
public final class PasswordHash {

    private static final String SCHEME = "pbkdf2-sha256";
    /** Hashed for a login name that has no account, so that a wrong name takes as long as a wrong password. */
    private static final String DECOY = SCHEME + ":210000:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private PasswordHash() {
    }

    /** Why {@code hash} is not a usable hash, or {@code null} when it is. */
    public static String problem(String hash) {
        String[] parts = hash.split(":");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return "is not of the form " + SCHEME + ":<iterations>:<salt>:<hash>";
        }
        try {
            if (Integer.parseInt(parts[1]) < 10_000) {
                return "has fewer than 10,000 iterations";
            }
            Base64.getDecoder().decode(parts[2]);
            Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return "has a bad number or base64 part";
        }
        return null;
    }

    /** @param hash a valid hash, or {@code null} for a login name with no account (then always {@code false}) */
    public static boolean matches(char[] password, String hash) {
        String[] parts = (hash == null ? DECOY : hash).split(":");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = derive(password, salt, Integer.parseInt(parts[1]), expected.length * 8);
        return MessageDigest.isEqual(expected, actual) && hash != null;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, bits)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }
}
