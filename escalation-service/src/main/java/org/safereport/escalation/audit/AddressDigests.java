package org.safereport.escalation.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.directory.EmailAddress;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed hashes (HMAC-SHA256) of normalised email addresses, so that a record can name a person by their address
 * without holding it in clear: the audit trail's entry for a person's export (whom it was about), and the removal
 * request to someone outside the directory (found again by their address when they ask for their data). Without
 * the key, a copy of the database cannot test guesses against them. The key is derived from
 * {@code escalation.acknowledgement.signing-key}, so that a digest signs nothing; replacing that key changes every
 * digest, and the removal requests made before are then found by directory id only.
 */
@ApplicationScoped
public class AddressDigests {

    private final SecretKeySpec digestKey;

    AddressDigests(EscalationConfig config) {
        this.digestKey = new SecretKeySpec(hmac(new SecretKeySpec(config.acknowledgement().signingKeyBytes(), "HmacSHA256"),
                "safereport person export audit"), "HmacSHA256");
    }

    /** The digest of {@code email} as people type it: trimmed and in lower case. */
    public byte[] of(String email) {
        return hmac(digestKey, EmailAddress.normalise(email));
    }

    /** The same in hex, as the audit trail keeps it. */
    public String hex(String email) {
        return HexFormat.of().formatHex(of(email));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
