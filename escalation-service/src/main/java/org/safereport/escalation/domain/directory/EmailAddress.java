package org.safereport.escalation.domain.directory;

import java.util.Locale;
import java.util.Optional;

/** An email address as people type it: compared without case or surrounding spaces. */
public final class EmailAddress {

    /** The longest address SMTP can carry (RFC 5321). */
    private static final int MAX_LENGTH = 254;

    private EmailAddress() {
    }

    /** {@code " Alex@Example.org "} is {@code alex@example.org}. */
    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** Why {@code text} is not an address, in words that follow the field's name; empty when it is one. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("is empty: give the person's email address");
        }
        String address = text.trim();
        int at = address.indexOf('@');
        if (address.length() > MAX_LENGTH || at < 1 || at != address.lastIndexOf('@') || at == address.length() - 1
                || address.chars().anyMatch(character -> Character.isWhitespace(character) || Character.isISOControl(character))) {
            return Optional.of("is not an email address, like name@example.org");
        }
        return Optional.empty();
    }
}
