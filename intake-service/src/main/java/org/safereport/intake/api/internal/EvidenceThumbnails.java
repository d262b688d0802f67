package org.safereport.intake.api.internal;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.intake.config.IntakeConfig;
import org.safereport.intake.domain.Thumbnail;
import org.safereport.intake.persistence.EvidenceContents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Makes thumbnails a few at a time: decoding an image is the one thing here whose heap grows with the
 * image, and the service runs in 256 MB.
 */
@ApplicationScoped
class EvidenceThumbnails {

    private static final long WAIT_SECONDS = 20;

    private final EvidenceContents contents;
    private final Semaphore decoders;

    EvidenceThumbnails(EvidenceContents contents, IntakeConfig config) {
        this.contents = contents;
        this.decoders = new Semaphore(config.internalApi().concurrentThumbnails(), true);
    }

    /** The thumbnail of image evidence {@code evidenceId}; empty when its turn did not come within a few seconds. */
    Optional<byte[]> of(UUID evidenceId) {
        try {
            if (!decoders.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try (InputStream image = contents.open(evidenceId)) {
            return Optional.of(Thumbnail.png(image));
        } catch (IOException e) {
            // Images are stored as this service encoded them, so this is the database or a bug, not the request.
            throw new UncheckedIOException("could not make a thumbnail of evidence " + evidenceId, e);
        } finally {
            decoders.release();
        }
    }
}
