package org.safereport.intake.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of evidence file accepted, recognised by their first bytes ("magic numbers"), never by the
 * file's name or the type the browser declared, which anyone can make say anything.
 */
public enum EvidenceType {
    PNG("image/png", "png", "png", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
    JPEG("image/jpeg", "jpeg", "jpg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PDF("application/pdf", null, "pdf", new byte[]{'%', 'P', 'D', 'F', '-'});

    private final String mediaType;
    private final String imageFormat;
    private final String fileExtension;
    private final byte[] magic;

    EvidenceType(String mediaType, String imageFormat, String fileExtension, byte[] magic) {
        this.mediaType = mediaType;
        this.imageFormat = imageFormat;
        this.fileExtension = fileExtension;
        this.magic = magic;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The type stored under {@code mediaType}, which is always one of ours. */
    public static Optional<EvidenceType> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter(type -> type.mediaType.equals(mediaType)).findFirst();
    }

    /** The name a download of the file gets: made by us, never the name it was sent with. */
    public String fileName(String reference, int position) {
        return reference + "-evidence-" + position + "." + fileExtension;
    }

    /** The javax.imageio format name to re-encode with; null for documents, which are kept as sent. */
    public String imageFormat() {
        return imageFormat;
    }

    public static Optional<EvidenceType> detect(byte[] content) {
        return Arrays.stream(values())
                .filter(type -> content.length >= type.magic.length
                        && Arrays.equals(content, 0, type.magic.length, type.magic, 0, type.magic.length))
                .findFirst();
    }
}
