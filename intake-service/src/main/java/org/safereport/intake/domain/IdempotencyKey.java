package org.safereport.intake.domain;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A client's {@code Idempotency-Key}. A retry with the same key must get the first response back,
 * receipt code included, yet the database keeps only a hash of each receipt code. So the first
 * response's code is sealed (AES-256-GCM) under a key derived from the Idempotency-Key, and only a hash
 * of the Idempotency-Key (a different derivation) is stored to find it: a copy of the database alone
 * reveals no receipt code, and no server-side secret is needed. Keys must be unguessable (a UUID).
 */
public record IdempotencyKey(String value) {

    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 200;
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    public IdempotencyKey {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH || value.isBlank()) {
            throw new IllegalArgumentException("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters, e.g. a UUID");
        }
    }

    /** What the stored row is found by. */
    public byte[] lookupHash() {
        return sha256("lookup\0" + value);
    }

    /** A number to take a PostgreSQL advisory lock on, so that two requests with one key take turns. */
    public long lockId() {
        return ByteBuffer.wrap(lookupHash()).getLong();
    }

    public byte[] seal(String receiptCode) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, iv, receiptCode.getBytes(StandardCharsets.UTF_8));
        byte[] result = Arrays.copyOf(iv, IV_BYTES + sealed.length);
        System.arraycopy(sealed, 0, result, IV_BYTES, sealed.length);
        return result;
    }

    public String open(byte[] sealed) {
        byte[] iv = Arrays.copyOf(sealed, IV_BYTES);
        return new String(crypt(Cipher.DECRYPT_MODE, iv, Arrays.copyOfRange(sealed, IV_BYTES, sealed.length)),
                StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(sha256("seal\0" + value), "AES"), new GCMParameterSpec(128, iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open") + " a receipt code", e);
        }
    }

    public static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
