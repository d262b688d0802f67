package org.safereport.envelope;

import com.google.crypto.tink.Aead;

/**
 * A key-encryption key as it stands now.
 *
 * @param id   stored beside each data key it wraps, so that rotation finds those it has not yet re-wrapped
 * @param aead encrypts with the key {@code id}; decrypts with it and with every older key still held
 */
public record WrappingKey(String id, Aead aead) {
}
