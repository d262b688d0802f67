package org.safereport.escalation.domain;

import org.safereport.files.FileType;

import java.util.Set;

/**
 * The screenshot a member of staff may attach when they confirm that a post is removed: a PNG, JPEG or WebP image,
 * told from its first bytes, never from its name. Kept as sent: only staff who may see the case get it, and it is
 * always served as the type found here.
 */
public record RemovalScreenshot(FileType type, byte[] content) {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final Set<FileType> ACCEPTED = Set.of(FileType.PNG, FileType.JPEG, FileType.WEBP);

    /** Why a file is not taken, in words that follow "The screenshot", with the answer's status. */
    public static class Rejected extends Exception {

        private final int status;

        Rejected(int status, String words) {
            super(words);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * @param sizeBytes the upload's size
     * @param sent its first bytes, at least the first {@link #MAX_BYTES} + 1 (all of it when it is not too large)
     */
    public static RemovalScreenshot of(long sizeBytes, byte[] sent) throws Rejected {
        if (sizeBytes == 0) {
            throw new Rejected(400, "is an empty file: choose the image again");
        }
        if (sizeBytes > MAX_BYTES || sent.length > MAX_BYTES) {
            throw new Rejected(413, "is larger than " + MAX_BYTES / (1024 * 1024) + " MB: crop it, or save it as a JPEG");
        }
        FileType type = FileType.detect(sent).filter(ACCEPTED::contains)
                .orElseThrow(() -> new Rejected(415, "must be a PNG, JPEG or WebP image"));
        return new RemovalScreenshot(type, sent);
    }

    /** The name a download gets: made here, never the name it was sent with. */
    public String fileName(String reference, int requestNumber) {
        return reference + "-removal-" + requestNumber + "-screenshot." + type.fileExtension();
    }
}
