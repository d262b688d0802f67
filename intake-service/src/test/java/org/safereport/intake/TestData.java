package org.safereport.intake;

import io.restassured.http.ContentType;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32;

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
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(0x1d70b8));
        graphics.fillRect(0, 0, 40, 30);
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] png = bytes.toByteArray();
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

    /** Inserts a tEXt chunk right after the IHDR chunk (8-byte signature + 25-byte IHDR). */
    private static byte[] withTextChunk(byte[] png, String text) {
        byte[] type = "tEXt".getBytes(StandardCharsets.ISO_8859_1);
        byte[] data = ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        writeInt(out, data.length);
        out.writeBytes(type);
        out.writeBytes(data);
        writeInt(out, (int) crc.getValue());
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    /** Files a JSON report and returns {reference, receiptCode}. */
    public static String[] file(String body) {
        var response = given().contentType(ContentType.JSON).body(body).post("/api/v1/reports")
                .then().statusCode(201).extract();
        return new String[]{response.path("reference"), response.path("receiptCode")};
    }
}
