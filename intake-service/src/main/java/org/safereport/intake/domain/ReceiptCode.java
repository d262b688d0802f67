package org.safereport.intake.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;

/**
 * The secret a reporter gets once, with the reference, to look their report up later, e.g.
 * {@code 7KQ4-2M9X-H3DT-Q0WA}: 80 random bits in Crockford's base 32. Only its SHA-256 is stored; 80
 * random bits make a slow password hash unnecessary, since nobody can guess their way to a match.
 */
public final class ReceiptCode {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final byte[] NO_REPORT = hash("no report has this code");

    private ReceiptCode() {
    }

    public static String generate(RandomGenerator random) {
        StringBuilder code = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /** Codes are read off a phone and typed again: case, spaces, dashes and look-alike letters do not matter. */
    public static String normalise(String code) {
        StringBuilder normal = new StringBuilder();
        for (char c : code.toUpperCase().toCharArray()) {
            switch (c) {
                case 'O' -> normal.append('0');
                case 'I', 'L' -> normal.append('1');
                case ' ', '-' -> { }
                default -> normal.append(c);
            }
        }
        return normal.toString();
    }

    public static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(normalise(code).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Compares in constant time. With {@code storedHash} null (no such report) it still does the same work,
     * so that a wrong code and an unknown reference cannot be told apart by their timing either.
     */
    public static boolean matches(String code, byte[] storedHash) {
        byte[] given = hash(code == null ? "" : code);
        boolean known = storedHash != null;
        return MessageDigest.isEqual(given, known ? storedHash : NO_REPORT) && known;
    }
}
