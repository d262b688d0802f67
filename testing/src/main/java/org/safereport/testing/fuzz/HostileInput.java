package org.safereport.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Inputs that have broken web services before, for the fuzz tests of every service: a table of hostile
 * text values, script payloads that give themselves away if a page runs them, and a seeded mutator that
 * bends a good input into a bad one. Every random choice comes from {@link #seed()}, which the tests
 * print, so that a failure can be replayed with {@code -Dfuzz.seed=<seed>}.
 */
public final class HostileInput {

    /** The seed every fuzz run uses unless {@code -Dfuzz.seed} names another. */
    public static final long DEFAULT_SEED = 20_261_125L;

    /**
     * What every script payload carries: if a page turns one into markup, the marker shows up in a tag, an
     * attribute or a script rather than in text ({@link PageCheck}); if a browser runs it, it sets
     * {@code window.__pwned}.
     */
    public static final String MARKER = "pwn";

    private HostileInput() {
    }

    public static long seed() {
        return Long.getLong("fuzz.seed", DEFAULT_SEED);
    }

    /** Script and HTML payloads: tags, event handlers, attribute-breaking quotes, javascript: URLs, template syntax. */
    public static List<String> scripts() {
        return List.of(
                "<script>window.__pwned=1</script>",
                "<img src=x onerror=window.__pwned=1>",
                "\"><img src=x onerror=window.__pwned=1 data-pwn>",
                "'><img src=x onerror=window.__pwned=1 data-pwn>",
                "\" autofocus onfocus=window.__pwned=1 data-pwn=\"",
                "' autofocus onfocus=window.__pwned=1 data-pwn='",
                "</textarea><svg onload=window.__pwned=1>",
                "</title><script>window.__pwned=1</script>",
                "<svg><script>window.__pwned=1</script></svg>",
                "<a href=\"javascript:window.__pwned=1\" data-pwn>open</a>",
                "javascript:window.__pwned=1//pwn",
                "<iframe srcdoc=\"&lt;script&gt;parent.__pwned=1&lt;/script&gt;\"></iframe>",
                "<details open ontoggle=window.__pwned=1>pwn</details>",
                "<math><mi xlink:href=\"javascript:window.__pwned=1\">pwn</mi></math>",
                "<!-- pwn --><b data-pwn>bold</b>",
                "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
                "{inject:csrf.token}{#if true}pwn{/if}{|<i data-pwn>|}",
                "<style>@import 'x';</style><b data-pwn>pwn</b>");
    }

    /** Short payloads for columns that hold only a few characters (12 for a case reference). */
    public static List<String> shortScripts() {
        return List.of("<i pwn>", "\"><i pwn>", "'><i pwn>", "<!--pwn", "</td><i pwn>");
    }

    /**
     * Text values that are malformed, oversized or hostile: control characters, broken and odd Unicode,
     * injection attempts, path traversal, numbers and keywords as text, lengths just past every limit.
     */
    public static List<String> strings() {
        List<String> values = new ArrayList<>(List.of(
                "", " ", "\t\r\n", "\u0000", "before\u0000after the NUL character", "\u0001\u0008\u000b\u000c\u001b\u007f",
                "line\u2028separator\u2029and next line\u0085", "\ud800 lone high surrogate", "lone low surrogate \udc00",
                "\ufeffbyte order mark", "\u202eevil right-to-left override", "zero\u200bwidth\u200d\u2060joiners",
                "e" + "\u0301".repeat(500), "\ud83d\ude00".repeat(300), "\uff33\uff2d\uff0d\uff17\uff2b", "\u0405\u041c-7\u041aQ4-2\u041c9X",
                "\ufffd\ufffe\uffff", "null", "undefined", "NaN", "true", "-1", "0", "9".repeat(400), "1e309",
                "' OR '1'='1", "'; DROP TABLE report; --", "SM-%", "_%_", "%s%s%s%n", "${jndi:ldap://127.0.0.1/x}",
                "#{7*7}${7*7}", "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "file:///etc/passwd",
                "\r\nSet-Cookie: injected=1", "a@b", "\"quoted\"@example.org", "x@example.org\r\nBcc: y@example.org",
                "x".repeat(201), "x".repeat(10_001), "\u00e9".repeat(5_001), "a".repeat(100_000)));
        values.addAll(scripts());
        return values;
    }

    /**
     * A few of {@link #strings()}, one of each kind (empty, NUL, lone surrogate, a number too long, text too
     * long, injection, a script): for fields where any text is simply the wrong type.
     */
    public static List<String> someStrings() {
        return List.of("", "\u0000", "\ud800 lone high surrogate", "9".repeat(400), "x".repeat(10_001), "' OR '1'='1",
                "\u202eevil right-to-left override", scripts().get(2));
    }

    /** A mutator seeded from {@code seed}: the same seed bends the same inputs the same way. */
    public static Mutator mutator(long seed) {
        return new Mutator(new Random(seed));
    }

    /** Bends text and bytes: flips, inserts, deletes, duplicates, truncates, and splices in hostile values. */
    public static final class Mutator {

        private static final String ODD_CHARACTERS = "\"'\\<>&{}[]:,\u0000\r\n\t%#?/=;\u00e9\u202e\ud800\ufeff";
        private final Random random;

        Mutator(Random random) {
            this.random = random;
        }

        public Random random() {
            return random;
        }

        public <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        /** One to three mutations of {@code text}. */
        public String mutate(String text) {
            String result = text;
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                result = mutateOnce(result);
            }
            return result;
        }

        private String mutateOnce(String text) {
            int length = text.length();
            int at = length == 0 ? 0 : random.nextInt(length);
            int end = Math.min(length, at + 1 + random.nextInt(Math.max(1, Math.min(length, 40))));
            return switch (random.nextInt(8)) {
                case 0 -> text.substring(0, at) + ODD_CHARACTERS.charAt(random.nextInt(ODD_CHARACTERS.length()))
                        + text.substring(Math.min(length, at + 1));
                case 1 -> text.substring(0, at) + pick(strings()) + text.substring(at);
                case 2 -> text.substring(0, at) + text.substring(end);
                case 3 -> text.substring(0, end) + text.substring(at, end) + text.substring(end);
                case 4 -> text.substring(0, at);
                case 5 -> text.substring(0, at) + (char) random.nextInt(0x10000) + text.substring(at);
                case 6 -> length == 0 ? text : text.substring(0, at) + flipCase(text.charAt(at)) + text.substring(at + 1);
                default -> text.repeat(2 + random.nextInt(3));
            };
        }

        /** One to three mutations of {@code bytes}, as a file or a body arrives bent. */
        public byte[] mutate(byte[] bytes) {
            byte[] result = bytes;
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                result = mutateOnce(result);
            }
            return result;
        }

        private byte[] mutateOnce(byte[] bytes) {
            int length = bytes.length;
            int at = length == 0 ? 0 : random.nextInt(length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    byte[] copy = bytes.clone();
                    if (length > 0) {
                        copy[at] ^= (byte) (1 << random.nextInt(8));
                    }
                    return copy;
                }
                case 1 -> {
                    byte[] noise = new byte[1 + random.nextInt(64)];
                    random.nextBytes(noise);
                    return splice(bytes, at, at, noise);
                }
                case 2 -> {
                    return splice(bytes, at, Math.min(length, at + 1 + random.nextInt(64)), new byte[0]);
                }
                case 3 -> {
                    return java.util.Arrays.copyOf(bytes, at);
                }
                default -> {
                    return splice(bytes, at, at, pick(strings()).getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
            byte[] result = new byte[bytes.length - (to - from) + insert.length];
            System.arraycopy(bytes, 0, result, 0, from);
            System.arraycopy(insert, 0, result, from, insert.length);
            System.arraycopy(bytes, to, result, from + insert.length, bytes.length - to);
            return result;
        }

        private static char flipCase(char c) {
            return Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        }
    }

    /**
     * {@code value} as a JSON string literal: quotes, backslashes, control characters and lone surrogates
     * escaped (a lone surrogate cannot be sent as UTF-8), everything else as it is.
     */
    public static String jsonString(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean loneSurrogate = Character.isHighSurrogate(c) ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || loneSurrogate) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** A short, printable description of an input for a failure message. */
    public static String describe(String input) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < input.length() && text.length() < 120; i++) {
            char c = input.charAt(i);
            text.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return input.length() > 120 ? text + "... (" + input.length() + " characters)" : text.toString();
    }
}
