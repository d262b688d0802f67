package org.safereport.envelope;

/**
 * A record's data key as stored beside the record: encrypted by the key-encryption key {@code keyId}.
 */
public record WrappedDataKey(byte[] bytes, String keyId) {
}
