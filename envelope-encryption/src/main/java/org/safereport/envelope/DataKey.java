package org.safereport.envelope;

import com.google.crypto.tink.StreamingAead;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The key of one record (a report with its files, a case note): everything the record holds that a person
 * wrote or uploaded is encrypted with it, and it is stored only wrapped ({@link #wrapped()}).
 * <p>
 * One primitive for text and files alike, Tink's streaming AEAD (AES-256-GCM-HKDF, 4 KB segments): a file is
 * encrypted and decrypted as it streams, a segment at a time, so that no file need be whole in memory; each
 * segment is authenticated, and so are their order and the end, so that a cut or reordered file fails to
 * read rather than reading wrong. A text costs a header and a tag (about 56 bytes) more than a plain AEAD would.
 * <p>
 * The associated data names what the ciphertext belongs to (a row's id, say), so that a ciphertext copied
 * into another row does not decrypt there.
 */
public final class DataKey {

    private final StreamingAead aead;
    private final WrappedDataKey wrapped;

    DataKey(StreamingAead aead, WrappedDataKey wrapped) {
        this.aead = aead;
        this.wrapped = wrapped;
    }

    /** How this key is stored beside its record. */
    public WrappedDataKey wrapped() {
        return wrapped;
    }

    public byte[] seal(byte[] plaintext, String associatedData) {
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream(plaintext.length + 64);
        try (OutputStream sealing = sealing(ciphertext, associatedData)) {
            sealing.write(plaintext);
        } catch (IOException e) {
            throw new UncheckedIOException("a stream in memory cannot fail", e);
        }
        return ciphertext.toByteArray();
    }

    public byte[] open(byte[] ciphertext, String associatedData) {
        try (InputStream opening = opening(new ByteArrayInputStream(ciphertext), associatedData)) {
            return opening.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot decrypt " + associatedData + " with its data key", e);
        }
    }

    public byte[] sealText(String plaintext, String associatedData) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
    }

    public String openText(byte[] ciphertext, String associatedData) {
        return new String(open(ciphertext, associatedData), StandardCharsets.UTF_8);
    }

    /** Writes the ciphertext of what is written to it to {@code ciphertext}; closing it writes the last segment. */
    public OutputStream sealing(OutputStream ciphertext, String associatedData) {
        try {
            return aead.newEncryptingStream(ciphertext, bytes(associatedData));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot start encrypting " + associatedData, e);
        }
    }

    /** The plaintext of {@code ciphertext}, decrypted a segment at a time; a read fails if it was altered. */
    public InputStream opening(InputStream ciphertext, String associatedData) {
        try {
            return aead.newDecryptingStream(ciphertext, bytes(associatedData));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot start decrypting " + associatedData, e);
        }
    }

    private static byte[] bytes(String associatedData) {
        return associatedData.getBytes(StandardCharsets.UTF_8);
    }
}
