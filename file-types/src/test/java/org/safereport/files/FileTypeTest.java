package org.safereport.files;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FileTypeTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void eachTypeIsToldByItsFirstBytes() {
        assertThat(FileType.detect(bytes("\u0089PNG\r\n\u001a\n rest of the image"))).contains(FileType.PNG);
        assertThat(FileType.detect(bytes("\u00ff\u00d8\u00ff\u00e0 rest of the image"))).contains(FileType.JPEG);
        assertThat(FileType.detect(bytes("RIFF\u0024\u0000\u0000\u0000WEBPVP8 rest"))).contains(FileType.WEBP);
        assertThat(FileType.detect(bytes("%PDF-1.7 rest"))).contains(FileType.PDF);
    }

    @Test
    void aNameOrAnotherRiffFileIsNoImage() {
        assertThat(FileType.detect(bytes("screenshot.png"))).isEmpty();
        assertThat(FileType.detect(bytes("RIFF\u0024\u0000\u0000\u0000WAVEfmt "))).as("a RIFF sound").isEmpty();
        assertThat(FileType.detect(bytes("RIFF"))).as("cut short").isEmpty();
        assertThat(FileType.detect(new byte[0])).isEmpty();
    }

    @Test
    void aStoredMediaTypeNamesItsType() {
        assertThat(FileType.ofMediaType("image/webp")).contains(FileType.WEBP);
        assertThat(FileType.ofMediaType("text/html")).isEqualTo(Optional.empty());
    }
}
