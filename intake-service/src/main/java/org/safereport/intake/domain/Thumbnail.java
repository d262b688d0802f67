package org.safereport.intake.domain;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * A small PNG of an evidence image, decoded and drawn again here, so that what a browser shows is pixels
 * this service wrote, never the stored file. The image is decoded with subsampling: a photo of 50
 * megapixels (which evidence stored before the pixel budget of {@code intake.evidence.max-pixels} may be)
 * is read at about a megapixel, so a thumbnail costs a few MB of heap whatever the image's size.
 */
public final class Thumbnail {

    /** The longest side of a thumbnail, in pixels. */
    public static final int MAX_SIDE = 480;
    /** Decoded at up to twice the thumbnail's size and then smoothed down: subsampling alone looks jagged. */
    private static final int DECODE_SIDE = 2 * MAX_SIDE;

    private Thumbnail() {
    }

    /** The image in {@code image}, scaled to fit {@value #MAX_SIDE}×{@value #MAX_SIDE} keeping its aspect, never enlarged. */
    public static byte[] png(InputStream image) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(image)) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not an image ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int step = Math.max(1, Math.max(reader.getWidth(0), reader.getHeight(0)) / DECODE_SIDE);
                ImageReadParam subsampled = reader.getDefaultReadParam();
                subsampled.setSourceSubsampling(step, step, 0, 0);
                BufferedImage scaled = scaled(reader.read(0, subsampled));
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(scaled, "png", png);
                return png.toByteArray();
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage scaled(BufferedImage decoded) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(decoded.getWidth(), decoded.getHeight()));
        int width = Math.max(1, (int) Math.round(decoded.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(decoded.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(width, height,
                decoded.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = scaled.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(decoded, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return scaled;
    }
}
