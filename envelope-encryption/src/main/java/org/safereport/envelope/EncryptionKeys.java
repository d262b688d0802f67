package org.safereport.envelope;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's envelope encryption, from the key-encryption keyset of {@link EncryptionConfig}. Made at start,
 * so that a service without its keys fails to start rather than at its first record.
 */
@ApplicationScoped
public class EncryptionKeys {

    @Produces
    @Singleton
    @Startup
    Envelopes envelopes(EncryptionConfig config) {
        if (config.createMissing()) {
            Keysets.createIfMissing(config.keyEncryptionKeyset(), Keysets.KEY_ENCRYPTION_KEY);
        }
        return new Envelopes(KeysetFile.at(config.keyEncryptionKeyset()));
    }
}
