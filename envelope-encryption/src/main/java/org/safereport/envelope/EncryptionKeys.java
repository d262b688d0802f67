package org.safereport.envelope;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's envelope encryption and blind index, from the keyset files of {@link EncryptionConfig}. Made
 * at start, so that a service without its keys fails to start rather than at its first report.
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

    @Produces
    @Singleton
    @Startup
    BlindIndex blindIndex(EncryptionConfig config) {
        if (config.createMissing()) {
            Keysets.createIfMissing(config.indexKeyset(), Keysets.INDEX_KEY);
        }
        return BlindIndex.at(config.indexKeyset());
    }
}
