package org.safereport.envelope;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;

import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Envelope encryption: a new data key for each record, wrapped by the primary key-encryption key, and opened
 * again with whichever key-encryption key wrapped it. Rotation re-wraps a data key under the new primary key
 * and changes nothing else: what the data key encrypted is never encrypted again.
 */
public final class Envelopes {

    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    static {
        Keysets.registerPrimitives();
    }

    private final KeyEncryptionKeys keyEncryptionKeys;

    public Envelopes(KeyEncryptionKeys keyEncryptionKeys) {
        this.keyEncryptionKeys = keyEncryptionKeys;
    }

    public DataKey newDataKey() {
        try {
            KeysetHandle dataKey = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_4KB);
            return new DataKey(primitive(dataKey), wrap(dataKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a data key", e);
        }
    }

    public DataKey open(WrappedDataKey wrapped) {
        try {
            return new DataKey(primitive(unwrap(wrapped)), wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the data key wrapped by key " + wrapped.keyId(), e);
        }
    }

    /** {@code wrapped} wrapped by the primary key instead; empty when it already is. */
    public Optional<WrappedDataKey> rewrapped(WrappedDataKey wrapped) {
        if (wrapped.keyId().equals(primaryKeyId())) {
            return Optional.empty();
        }
        return Optional.of(wrap(unwrap(wrapped)));
    }

    /** The id that data keys wrapped from now on are stored with. */
    public String primaryKeyId() {
        return keyEncryptionKeys.primary().id();
    }

    private WrappedDataKey wrap(KeysetHandle dataKey) {
        WrappingKey primary = keyEncryptionKeys.primary();
        try {
            return new WrappedDataKey(TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, primary.aead(), NO_ASSOCIATED_DATA),
                    primary.id());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data key with key " + primary.id(), e);
        }
    }

    private KeysetHandle unwrap(WrappedDataKey wrapped) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.bytes(), keyEncryptionKeys.primary().aead(), NO_ASSOCIATED_DATA);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unwrap a data key wrapped by key " + wrapped.keyId()
                    + ": is that key still in the key-encryption keyset?", e);
        }
    }

    private static StreamingAead primitive(KeysetHandle dataKey) throws GeneralSecurityException {
        return dataKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    }
}
