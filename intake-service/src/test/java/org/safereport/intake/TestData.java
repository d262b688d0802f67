package org.safereport.intake;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.safereport.testing.TestImages;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Fictional reports, files and the policy fixture the intake tests share. */
public final class TestData {

    public static final String POLICY_TOPIC = "policy.public.v1";

    private TestData() {
    }

    public static String policyJson() {
        try (InputStream input = TestData.class.getResourceAsStream("/policy/policy-published.json")) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the service has read the policy (readiness is DOWN until then). */
    public static void awaitPolicy() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    public static String report(String category, String description) {
        return "{\"category\": \"" + category + "\", \"description\": \"" + description + "\"}";
    }

    /** A small real PNG, optionally with a text chunk (as cameras and apps write location into images). */
    public static byte[] png(String textChunk) {
        byte[] png = TestImages.png();
        return textChunk == null ? png : withTextChunk(png, textChunk);
    }

    /** A small real JPEG with an EXIF segment holding {@code exifText}, as a phone camera writes GPS data. */
    public static byte[] jpegWithExif(String exifText) {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jpeg = bytes.toByteArray();
        byte[] exif = ("Exif\0\0" + exifText).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1); // APP1, where EXIF lives
        out.write((exif.length + 2) >>> 8);
        out.write(exif.length + 2);
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * A valid PNG of {@code width} × {@code height} black RGB pixels, made without ever holding its pixels:
     * 7000 × 7000 is about 143 KB as a file and 147 MB once decoded.
     */
    public static byte[] largePng(int width, int height) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflated = new DeflaterOutputStream(pixels, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] row = new byte[1 + 3 * width]; // filter type 0, then the row's samples
            for (int y = 0; y < height; y++) {
                deflated.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        writeInt(header, width);
        writeInt(header, height);
        header.writeBytes(new byte[]{8, 2, 0, 0, 0}); // 8 bits, RGB, deflate, no filter choice, no interlace
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        writeChunk(png, "IHDR", header.toByteArray());
        writeChunk(png, "IDAT", pixels.toByteArray());
        writeChunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(out, data.length);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        writeInt(out, (int) crc.getValue());
    }

    /** A real one-page PDF, made with PDFBox, with whatever {@code addition} puts into it. */
    public static byte[] pdf(Consumer<PDDocument> addition) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            addition.accept(document);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A clean PDF of exactly {@code size} bytes: random bytes (seeded) in a stream of its own, which no page
     * shows, make up the size.
     */
    public static byte[] pdfOfSize(int size) {
        int padding = size - pdfPadded(0).length;
        // The stream's /Length grows by a digit or so with the padding: correct by what is over or short.
        for (int attempt = 0; attempt < 3; attempt++) {
            byte[] pdf = pdfPadded(padding);
            if (pdf.length == size) {
                return pdf;
            }
            padding += size - pdf.length;
        }
        throw new IllegalStateException("could not make a PDF of exactly " + size + " bytes");
    }

    private static byte[] pdfPadded(int paddingBytes) {
        byte[] padding = new byte[paddingBytes];
        new Random(20261127).nextBytes(padding);
        return pdf(document -> {
            try {
                PDStream stream = new PDStream(document, new ByteArrayInputStream(padding));
                document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("Padding"), stream);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A clean one-page PDF. */
    public static byte[] pdf() {
        return pdf(document -> {
        });
    }

    /** Inserts a tEXt chunk right after the IHDR chunk (8-byte signature + 25-byte IHDR). */
    private static byte[] withTextChunk(byte[] png, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        writeChunk(out, "tEXt", ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1));
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    /** A multipart API client: a token of its own in both the CSRF cookie and header. */
    public static RequestSpecification apiMultipart() {
        String token = "dGVzdC1kYXRhLWNzcmYhIQ"; // 16 bytes, base64url, as the filter expects
        return given().cookie("csrf-token", token).header("X-CSRF-TOKEN", token);
    }

    /** Files a JSON report and returns {reference, receiptCode}. */
    public static String[] file(String body) {
        var response = given().contentType(ContentType.JSON).body(body).post("/api/v1/reports")
                .then().statusCode(201).extract();
        return new String[]{response.path("reference"), response.path("receiptCode")};
    }
}
