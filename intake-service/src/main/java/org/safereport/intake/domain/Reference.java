package org.safereport.intake.domain;

import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A report's public reference, e.g. {@code SM-7KQ4-2M9X}: short enough to read out on the phone, and
 * drawn from Crockford's base-32 alphabet, which leaves out I, L, O and U so that it cannot be misread.
 * 40 random bits; uniqueness is enforced by the database.
 */
public final class Reference {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    public static final Pattern FORMAT = Pattern.compile("SM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");

    private Reference() {
    }

    public static String generate(RandomGenerator random) {
        StringBuilder reference = new StringBuilder("SM-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return reference.toString();
    }
}
