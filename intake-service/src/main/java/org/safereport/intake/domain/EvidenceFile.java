package org.safereport.intake.domain;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * An evidence file ready to store. Images are decoded and encoded again, which keeps the pixels and
 * drops everything else a phone camera writes into the file: EXIF location, device, thumbnails. PDFs are
 * kept as sent, once {@link PdfCheck} finds nothing in them that could run.
 *
 * @param content what is stored: the re-encoded image, or the document as sent
 */
public record EvidenceFile(EvidenceType type, byte[] content) {

    /** Why an uploaded file cannot be used as evidence, in words for the reporter. */
    public static class Rejected extends Exception {

        /** What kind of reason it is, for the answer's status. */
        public enum Why {
            /** Not a PNG, JPEG or PDF, or one that cannot be read. */
            NOT_READABLE,
            /** An image with more pixels than may be decoded. */
            TOO_MANY_PIXELS,
            /** A PDF that could run something: JavaScript, a launch action, an embedded file. */
            ACTIVE_CONTENT
        }

        private final Why why;

        Rejected(String message, Why why) {
            super(message);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    /**
     * @param maxPixels the most pixels an image may have: its decoded size, whatever its size in bytes
     * @throws Decoders.Busy when no decoding turn came free in time
     */
    public static EvidenceFile of(byte[] sent, long maxPixels, Decoders decoders) throws Rejected, Decoders.Busy {
        EvidenceType type = EvidenceType.detect(sent)
                .orElseThrow(() -> new Rejected("must be a PNG or JPEG image or a PDF document", Rejected.Why.NOT_READABLE));
        if (type == EvidenceType.PDF) {
            decoders.inTurn(() -> {
                PdfCheck.check(sent);
                return null;
            });
            return new EvidenceFile(type, sent);
        }
        return new EvidenceFile(type, reencode(type, sent, maxPixels, decoders));
    }

    private static byte[] reencode(EvidenceType type, byte[] sent, long maxPixels, Decoders decoders)
            throws Rejected, Decoders.Busy {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(sent))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw unreadable(type);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                // The header gives the size: a small file can hold an image that takes hundreds of MB to decode.
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new Rejected(String.format("is too large an image: %,d × %,d pixels, and at most %,d pixels are taken",
                            width, height, maxPixels), Rejected.Why.TOO_MANY_PIXELS);
                }
                return decoders.inTurn(() -> decodeAndEncode(type, reader, sent.length));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // A truncated or malformed image: the decoder's own failure, in words for the reporter.
            throw unreadable(type);
        }
    }

    private static byte[] decodeAndEncode(EvidenceType type, ImageReader reader, int sentLength) throws IOException {
        BufferedImage image = reader.read(0);
        if (type == EvidenceType.JPEG && image.getColorModel().hasAlpha()) {
            image = withoutAlpha(image);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream(sentLength);
        if (!ImageIO.write(image, type.imageFormat(), output)) {
            throw new IOException("no writer for " + type.imageFormat());
        }
        return output.toByteArray();
    }

    private static Rejected unreadable(EvidenceType type) {
        return new Rejected("is not a readable " + type.name() + " image", Rejected.Why.NOT_READABLE);
    }

    private static BufferedImage withoutAlpha(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        return rgb;
    }
}
