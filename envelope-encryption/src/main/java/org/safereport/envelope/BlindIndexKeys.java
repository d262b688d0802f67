package org.safereport.envelope;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * The service's blind index, from the index keyset of {@link EncryptionConfig}. Made at start, so that a
 * service without its key fails to start. A service that looks nothing up by a sealed value has no index key
 * and leaves this out ({@code quarkus.arc.exclude-types}).
 */
@ApplicationScoped
public class BlindIndexKeys {

    @Produces
    @Singleton
    @Startup
    BlindIndex blindIndex(EncryptionConfig config) {
        Path file = config.indexKeyset().orElseThrow(() -> new IllegalStateException(
                "safereport.encryption.index-keyset is not set: the service cannot look records up by a sealed value"));
        if (config.createMissing()) {
            Keysets.createIfMissing(file, Keysets.INDEX_KEY);
        }
        return BlindIndex.at(file);
    }
}
