package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A short code standing for a signed acknowledgement token, for text messages. The code only leads to the
 * signed link's page; it grants nothing the signed link does not, and stops working when the link expires.
 */
@Entity
@Table(name = "short_acknowledgement_link")
public class ShortLink extends PanacheEntityBase {

    /** No look-alike characters (0/O, 1/I/l): people may type it from a phone screen. */
    private static final char[] ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz".toCharArray();
    /** 10 characters of 31: about 49 bits, far beyond guessing within a link's lifetime. */
    private static final int LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[" + new String(ALPHABET) + "]{" + LENGTH + "}");

    @Id
    public String code;

    @Column(nullable = false)
    public String token;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** Stores a new code for {@code token}, valid until {@code expiresAt}; returns the code. */
    public static String create(String token, Instant expiresAt) {
        ShortLink link = new ShortLink();
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        link.code = code.toString();
        link.token = token;
        link.expiresAt = expiresAt;
        link.persist();
        return link.code;
    }

    /** The token behind {@code code}, while it has not expired; nothing for what is not a code at all. */
    public static Optional<String> token(String code, Instant now) {
        if (!FORMAT.matcher(code).matches()) {
            // Not worth a query; and some text (a NUL character) cannot even be a query parameter.
            return Optional.empty();
        }
        return ShortLink.<ShortLink>findByIdOptional(code).filter(link -> link.expiresAt.isAfter(now)).map(link -> link.token);
    }
}
