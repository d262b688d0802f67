package org.safereport.messaging.consumer;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes what looks like an email address or a phone number from a text that leaves the service (a
 * failure reason in a status event or a log line). Mail servers and SMS providers often quote the
 * recipient in their error messages ("550 5.1.1 &lt;dsl@example.org&gt;: no such user", "The 'To' number
 * +447700900123 is not valid"), and those must not travel further (rule 7).
 */
public final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");
    /** Eight digits or more, with the separators people write numbers with: longer than any SMTP or HTTP code. */
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()./-]{6,}\\d");
    private static final int MAX_LENGTH = 1000;

    private PersonalData() {
    }

    /** {@code text} with addresses and numbers replaced by placeholders, on one line and at most 1,000 characters. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = PHONE.matcher(EMAIL.matcher(text).replaceAll("<address>")).replaceAll("<number>")
                .replaceAll("\\s+", " ").strip();
        return redacted.length() <= MAX_LENGTH ? redacted : redacted.substring(0, MAX_LENGTH - 3) + "...";
    }

    /**
     * What a log line or a reason may say about {@code failure}: its innermost cause's type and message, which name
     * what actually went wrong (the outer ones say "could not execute statement"), {@link #redact redacted}.
     */
    public static String describe(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = failure;
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return redact(root.getClass().getSimpleName() + ": " + root.getMessage());
    }
}
