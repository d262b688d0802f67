package org.safereport.intake.persistence;

import java.util.UUID;

/** What is known about an evidence file without reading its bytes (a projection of {@link Evidence}). */
public record EvidenceSummary(UUID id, int position, String mediaType, int sizeBytes) {
}
