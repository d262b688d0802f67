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
 * drops everything else a phone camera writes into the file: EXIF location, device, thumbnails.
 *
 * @param content what is stored: the re-encoded image, or the document as sent
 */
public record EvidenceFile(EvidenceType type, byte[] content) {

    /** A photo of a screen is a few megapixels; far more is a decompression bomb, not evidence. */
    static final long MAX_PIXELS = 50_000_000L;

    /** Why an uploaded file cannot be used as evidence, in words for the reporter. */
    public static class Rejected extends Exception {
        private final boolean wrongType;

        Rejected(String message, boolean wrongType) {
            super(message);
            this.wrongType = wrongType;
        }

        /** True for a file that is not a PNG, JPEG or PDF (415); false for one that is too large (413). */
        public boolean wrongType() {
            return wrongType;
        }
    }

    public static EvidenceFile of(byte[] sent) throws Rejected {
        EvidenceType type = EvidenceType.detect(sent)
                .orElseThrow(() -> new Rejected("must be a PNG or JPEG image or a PDF document", true));
        if (type.imageFormat() == null) {
            return new EvidenceFile(type, sent);
        }
        return new EvidenceFile(type, reencode(type, sent));
    }

    private static byte[] reencode(EvidenceType type, byte[] sent) throws Rejected {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(sent))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new Rejected("is not a readable " + type.name() + " image", true);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw new Rejected("is too large an image (at most 50 megapixels)", false);
                }
                BufferedImage image = reader.read(0);
                if (type == EvidenceType.JPEG && image.getColorModel().hasAlpha()) {
                    image = withoutAlpha(image);
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream(sent.length);
                if (!ImageIO.write(image, type.imageFormat(), output)) {
                    throw new Rejected("is not a readable " + type.name() + " image", true);
                }
                return output.toByteArray();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // A truncated or malformed image: the decoder's own failure, in words for the reporter.
            throw new Rejected("is not a readable " + type.name() + " image", true);
        }
    }

    private static BufferedImage withoutAlpha(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        return rgb;
    }
}
