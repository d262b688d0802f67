package org.safereport.notification.domain;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Chooses the text of a notification SMS: the first of its candidate wordings, most informative first,
 * that is GSM-7 and fits one message of {@value #MAX_SEPTETS} septets. Longer links or values make a
 * wording too long; the shorter ones behind it still carry the reference and, as far as they can, the link.
 */
public final class SmsText {

    public static final int MAX_SEPTETS = 160;

    private SmsText() {
    }

    /** The first candidate that fits, with its spaces tidied, or empty when none does. */
    public static Optional<String> firstThatFits(List<String> candidates) {
        for (String candidate : candidates) {
            String text = tidy(candidate);
            if (text.isEmpty()) {
                continue;
            }
            OptionalInt septets = Gsm7.septets(text);
            if (septets.isPresent() && septets.getAsInt() <= MAX_SEPTETS) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** One line, single spaces, typographic characters in their GSM-7 forms. */
    static String tidy(String text) {
        return Gsm7.plain(text).replaceAll("\\s+", " ").strip();
    }
}
