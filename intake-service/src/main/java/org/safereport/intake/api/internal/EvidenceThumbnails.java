package org.safereport.intake.api.internal;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.intake.domain.Decoders;
import org.safereport.intake.domain.Thumbnail;
import org.safereport.intake.persistence.EvidenceContents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes thumbnails in the decoding turns that uploads take too: decoding an image is the one thing here
 * whose heap grows with the image, and the service runs in 256 MB.
 */
@ApplicationScoped
class EvidenceThumbnails {

    private final EvidenceContents contents;
    private final Decoders decoders;

    EvidenceThumbnails(EvidenceContents contents, Decoders decoders) {
        this.contents = contents;
        this.decoders = decoders;
    }

    /** The thumbnail of image evidence {@code evidenceId}; empty when its turn did not come in time. */
    Optional<byte[]> of(UUID evidenceId) {
        try {
            return Optional.of(decoders.inTurn(() -> {
                try (InputStream image = contents.open(evidenceId)) {
                    return Thumbnail.png(image);
                }
            }));
        } catch (Decoders.Busy busy) {
            return Optional.empty();
        } catch (IOException e) {
            // Images are stored as this service encoded them, so this is the database or a bug, not the request.
            throw new UncheckedIOException("could not make a thumbnail of evidence " + evidenceId, e);
        }
    }
}
