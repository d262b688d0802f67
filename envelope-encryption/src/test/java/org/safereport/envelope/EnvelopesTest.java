package org.safereport.envelope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopesTest {

    private static final String DESCRIPTION = "A resident sent me a friend request and then messages late at night.";

    @TempDir
    Path folder;

    private Envelopes envelopes(Path keyset) {
        Keysets.createIfMissing(keyset, Keysets.KEY_ENCRYPTION_KEY);
        return new Envelopes(KeysetFile.at(keyset));
    }

    @Test
    void textSealedWithADataKeyOpensWithTheUnwrappedKeyAndIsNotInTheCiphertext() {
        Envelopes envelopes = envelopes(folder.resolve("kek.json"));
        DataKey key = envelopes.newDataKey();

        byte[] sealed = key.sealText(DESCRIPTION, "report:1");

        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("friend request");
        assertThat(envelopes.open(key.wrapped()).openText(sealed, "report:1")).isEqualTo(DESCRIPTION);
        assertThat(key.wrapped().keyId()).isEqualTo(envelopes.primaryKeyId());
    }

    @Test
    void aCiphertextMovedToAnotherRecordOrAlteredDoesNotOpen() {
        DataKey key = envelopes(folder.resolve("kek.json")).newDataKey();
        byte[] sealed = key.sealText(DESCRIPTION, "report:1");

        assertThatThrownBy(() -> key.openText(sealed, "report:2")).isInstanceOf(IllegalStateException.class);
        sealed[sealed.length - 20] ^= 1;
        assertThatThrownBy(() -> key.openText(sealed, "report:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLargeFileStreamsThroughWholeAndATruncatedOneFailsToRead() throws IOException {
        DataKey key = envelopes(folder.resolve("kek.json")).newDataKey();
        byte[] file = new byte[3 * 1024 * 1024 + 17];
        new Random(20261127).nextBytes(file);
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        try (OutputStream sealing = key.sealing(ciphertext, "evidence:1")) {
            sealing.write(file);
        }
        byte[] sealed = ciphertext.toByteArray();

        try (InputStream opening = key.opening(new ByteArrayInputStream(sealed), "evidence:1")) {
            assertThat(opening.readAllBytes()).isEqualTo(file);
        }
        byte[] truncated = java.util.Arrays.copyOf(sealed, sealed.length - 4096);
        assertThatThrownBy(() -> {
            try (InputStream opening = key.opening(new ByteArrayInputStream(truncated), "evidence:1")) {
                opening.readAllBytes();
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void afterRotationOldDataKeysStillOpenAndAreRewrappedOnceUnderTheNewPrimaryKey() {
        Path keyset = folder.resolve("kek.json");
        Envelopes envelopes = envelopes(keyset);
        DataKey key = envelopes.newDataKey();
        byte[] sealed = key.sealText(DESCRIPTION, "report:1");
        String oldKeyId = key.wrapped().keyId();

        String newKeyId = Keysets.rotate(keyset);

        assertThat(newKeyId).isNotEqualTo(oldKeyId);
        assertThat(envelopes.primaryKeyId()).as("the file is read again once it changed").isEqualTo(newKeyId);
        assertThat(envelopes.open(key.wrapped()).openText(sealed, "report:1")).isEqualTo(DESCRIPTION);
        WrappedDataKey rewrapped = envelopes.rewrapped(key.wrapped()).orElseThrow();
        assertThat(rewrapped.keyId()).isEqualTo(newKeyId);
        assertThat(envelopes.open(rewrapped).openText(sealed, "report:1")).as("the data itself is not re-encrypted").isEqualTo(DESCRIPTION);
        assertThat(envelopes.rewrapped(rewrapped)).as("re-wrapping twice changes nothing").isEmpty();
        assertThat(envelopes.newDataKey().wrapped().keyId()).isEqualTo(newKeyId);
    }

    @Test
    void aDataKeyWrappedByAKeyNoLongerHeldDoesNotOpen() {
        DataKey key = envelopes(folder.resolve("one.json")).newDataKey();
        Envelopes other = envelopes(folder.resolve("other.json"));

        assertThatThrownBy(() -> other.open(key.wrapped())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(key.wrapped().keyId());
    }

    @Test
    void withoutAKeysetFileThereIsNoEnvelope() {
        assertThatThrownBy(() -> KeysetFile.at(folder.resolve("missing.json"))).isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    void emailAddressesAreIndexedAsTypedTrimmedAndInLowerCase() {
        Path file = folder.resolve("index.json");
        Keysets.createIfMissing(file, Keysets.INDEX_KEY);
        BlindIndex index = BlindIndex.at(file);
        Path otherFile = folder.resolve("other-index.json");
        Keysets.createIfMissing(otherFile, Keysets.INDEX_KEY);

        assertThat(index.ofEmailAddress(" Support.Worker@Example.org ")).isEqualTo(index.ofEmailAddress("support.worker@example.org"));
        assertThat(index.ofEmailAddress("support.worker@example.org")).isNotEqualTo(index.ofEmailAddress("sam.porter@example.org"))
                .isNotEqualTo(BlindIndex.at(otherFile).ofEmailAddress("support.worker@example.org"));
        assertThat(index.ofEmailAddress(" ")).isNull();
        assertThat(Files.exists(file)).isTrue();
    }
}
