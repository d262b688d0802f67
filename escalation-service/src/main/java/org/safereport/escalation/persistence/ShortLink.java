package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.safereport.escalation.domain.AcknowledgementToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A short code standing for a signed acknowledgement token, for text messages. The code only leads to the
 * signed link's page; it grants nothing the signed link does not, and stops working when the link expires.
 * Neither the code nor the token is stored: a row is found by the code's SHA-256 and keeps what the token
 * names, so that the token can be signed again; a copy of the table lets nobody follow a link.
 */
@Entity
@Table(name = "short_acknowledgement_link")
public class ShortLink extends PanacheEntityBase {

    /** No look-alike characters (0/O, 1/I/l): people may type it from a phone screen. */
    private static final char[] ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz".toCharArray();
    /**
     * 14 characters of 31: about 69 bits, beyond guessing within a link's lifetime and beyond reversing the
     * stored hash by trying every code. Codes sent before the hashing (V9) have 10 and expire within a week.
     */
    private static final int LENGTH = 14;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[" + new String(ALPHABET) + "]{10}([" + new String(ALPHABET) + "]{4})?");

    @Id
    @Column(name = "code_sha256")
    public String codeSha256;

    @Column(name = "track_id", nullable = false)
    public UUID trackId;

    @Column(name = "step_index", nullable = false)
    public int stepIndex;

    @Column(name = "person_id", nullable = false)
    public String personId;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** Stores a new code for {@code token}, valid while the token is; returns the code. */
    public static String create(AcknowledgementToken token) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        ShortLink link = new ShortLink();
        link.codeSha256 = sha256(code.toString());
        link.trackId = token.trackId();
        link.stepIndex = token.step();
        link.personId = token.personId();
        link.expiresAt = token.expiresAt();
        link.persist();
        return code.toString();
    }

    /** The token behind {@code code}, unsigned, while it has not expired; nothing for what is not a code at all. */
    public static Optional<AcknowledgementToken> token(String code, Instant now) {
        if (!FORMAT.matcher(code).matches()) {
            // Not worth a query.
            return Optional.empty();
        }
        return ShortLink.<ShortLink>findByIdOptional(sha256(code)).filter(link -> link.expiresAt.isAfter(now))
                .map(link -> new AcknowledgementToken(link.trackId, link.stepIndex, link.personId, link.expiresAt));
    }

    private static String sha256(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
