package org.safereport.intake.domain;

import org.safereport.files.FileType;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of evidence file accepted, recognised by their first bytes ({@link FileType}), never by the
 * file's name or the type the browser declared, which anyone can make say anything.
 */
public enum EvidenceType {
    PNG(FileType.PNG, "png"),
    JPEG(FileType.JPEG, "jpeg"),
    PDF(FileType.PDF, null);

    private final FileType fileType;
    private final String imageFormat;

    EvidenceType(FileType fileType, String imageFormat) {
        this.fileType = fileType;
        this.imageFormat = imageFormat;
    }

    public String mediaType() {
        return fileType.mediaType();
    }

    /** The type stored under {@code mediaType}, which is always one of ours. */
    public static Optional<EvidenceType> ofMediaType(String mediaType) {
        return FileType.ofMediaType(mediaType).flatMap(EvidenceType::of);
    }

    /** The name a download of the file gets: made by us, never the name it was sent with. */
    public String fileName(String reference, int position) {
        return reference + "-evidence-" + position + "." + fileType.fileExtension();
    }

    /** The javax.imageio format name to re-encode with; null for documents, which are kept as sent. */
    public String imageFormat() {
        return imageFormat;
    }

    /** Empty for a file of another kind, a WebP image among them: intake takes none. */
    public static Optional<EvidenceType> detect(byte[] content) {
        return FileType.detect(content).flatMap(EvidenceType::of);
    }

    private static Optional<EvidenceType> of(FileType fileType) {
        return Arrays.stream(values()).filter(type -> type.fileType == fileType).findFirst();
    }
}
