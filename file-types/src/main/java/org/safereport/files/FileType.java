package org.safereport.files;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of file SafeReport takes as uploads, recognised by their first bytes ("magic numbers"), never by the
 * file's name or the type the browser declared, which anyone can make say anything. Each service decides which of
 * them it accepts.
 */
public enum FileType {
    PNG("image/png", "png", new Signature(0, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})),
    JPEG("image/jpeg", "jpg", new Signature(0, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})),
    /** A RIFF container ("RIFF", its length, then "WEBP"). */
    WEBP("image/webp", "webp", new Signature(0, new byte[]{'R', 'I', 'F', 'F'}), new Signature(8, new byte[]{'W', 'E', 'B', 'P'})),
    PDF("application/pdf", "pdf", new Signature(0, new byte[]{'%', 'P', 'D', 'F', '-'}));

    /** Bytes that must stand at {@code offset}. */
    private record Signature(int offset, byte[] bytes) {

        boolean foundIn(byte[] content) {
            return content.length >= offset + bytes.length
                    && Arrays.equals(content, offset, offset + bytes.length, bytes, 0, bytes.length);
        }
    }

    private final String mediaType;
    private final String fileExtension;
    private final Signature[] signatures;

    FileType(String mediaType, String fileExtension, Signature... signatures) {
        this.mediaType = mediaType;
        this.fileExtension = fileExtension;
        this.signatures = signatures;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Without the dot: "png". */
    public String fileExtension() {
        return fileExtension;
    }

    public static Optional<FileType> detect(byte[] content) {
        return Arrays.stream(values())
                .filter(type -> Arrays.stream(type.signatures).allMatch(signature -> signature.foundIn(content)))
                .findFirst();
    }

    /** The type stored under {@code mediaType}, which is always one of ours. */
    public static Optional<FileType> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter(type -> type.mediaType.equals(mediaType)).findFirst();
    }
}
