package org.safereport.intake.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.safereport.intake.domain.Decoders;

/** The one set of decoding turns that uploads and thumbnails share. */
@ApplicationScoped
class DecodersProducer {

    @Produces
    @Singleton
    Decoders decoders(IntakeConfig config) {
        return new Decoders(config.evidence().concurrentDecodes(), config.evidence().decodeWait());
    }
}
