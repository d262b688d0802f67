package org.safereport.envelope;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PrfSet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * Keyed hashes (HMAC-SHA-256) of values that are stored only encrypted, so that records can be found by them
 * (all reports involving one email address) without the value in clear. Without the key, which ops hold
 * beside the key-encryption keys, a copy of the database cannot test guesses against them. The key is
 * never rotated: every stored hash would change with it.
 */
public final class BlindIndex {

    private static final int HASH_BYTES = 32;

    static {
        Keysets.registerPrimitives();
    }

    private final PrfSet prf;

    private BlindIndex(PrfSet prf) {
        this.prf = prf;
    }

    /** The index key in the Tink keyset file {@code file} (JSON, an HMAC-SHA-256 PRF key). */
    public static BlindIndex at(Path file) {
        KeysetHandle keyset = Keysets.read(file);
        try {
            return new BlindIndex(keyset.getPrimitive(RegistryConfiguration.get(), PrfSet.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keyset " + file + " holds no index key (HMAC_SHA256_PRF)", e);
        }
    }

    /** The hash of an email address as people type it: trimmed and in lower case; null for none. */
    public byte[] ofEmailAddress(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return of("email\0" + email.strip().toLowerCase(Locale.ROOT));
    }

    private byte[] of(String value) {
        try {
            return prf.computePrimary(value.getBytes(StandardCharsets.UTF_8), HASH_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash with the index key", e);
        }
    }
}
