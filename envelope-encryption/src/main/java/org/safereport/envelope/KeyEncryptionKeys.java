package org.safereport.envelope;

/**
 * The key-encryption keys that ops hold, which wrap every data key. {@link KeysetFile} reads them from a file
 * mounted from a Kubernetes Secret; a cloud KMS fits the same interface (Tink's KMS clients give an
 * {@link com.google.crypto.tink.Aead} per key, and the key version is its id).
 */
public interface KeyEncryptionKeys {

    /**
     * The key that wraps from now on, in one piece so that a data key is never recorded under one id and
     * wrapped under another while the keys change.
     */
    WrappingKey primary();
}
