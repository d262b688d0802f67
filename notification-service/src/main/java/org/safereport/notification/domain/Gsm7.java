package org.safereport.notification.domain;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The GSM 03.38 default alphabet, in which one SMS carries 160 characters. A text with any other
 * character is sent as UCS-2, where one SMS carries only 70, and some phones show it garbled; so a
 * notification text must be GSM-7 to be sure it arrives as one readable message.
 */
public final class Gsm7 {

    /** The basic set: one septet each. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension set: an escape and the character, two septets each. */
    private static final String EXTENSION = "^{}\\[~]|€\f";
    /** Typographic characters that have a plain GSM-7 look-alike, as word processors and policy files write them. */
    private static final Map<Character, String> LOOK_ALIKES = Map.ofEntries(
            Map.entry('\u2018', "'"), Map.entry('\u2019', "'"), Map.entry('\u201A', "'"), Map.entry('\u2032', "'"),
            Map.entry('\u201C', "\""), Map.entry('\u201D', "\""), Map.entry('\u201E', "\""), Map.entry('\u2033', "\""),
            Map.entry('\u2010', "-"), Map.entry('\u2011', "-"), Map.entry('\u2012', "-"), Map.entry('\u2013', "-"),
            Map.entry('\u2014', "-"), Map.entry('\u2212', "-"), Map.entry('\u2026', "..."), Map.entry('\u00A0', " "),
            Map.entry('\u202F', " "), Map.entry('\t', " "));

    private Gsm7() {
    }

    /** {@code text} with typographic quotes, dashes, ellipses and odd spaces replaced by their plain forms. */
    public static String plain(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = LOOK_ALIKES.get(c);
            if (replacement != null) {
                plain.append(replacement);
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }

    /** How many septets {@code text} takes in one GSM-7 message, or empty when it has a character GSM-7 lacks. */
    public static OptionalInt septets(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(septets);
    }
}
