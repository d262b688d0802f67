package org.safereport.envelope;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;

/**
 * Key-encryption keys in a Tink keyset file (JSON), mounted from a Kubernetes Secret. The primary key wraps;
 * every key in the file unwraps what it wrapped (Tink finds it by the id prefixed to each ciphertext). The
 * file is read again whenever it changes, so that a new primary key put into the Secret is used without a
 * restart: Kubernetes replaces a mounted Secret's files by moving a link, which changes the time and size
 * seen through it.
 */
public final class KeysetFile implements KeyEncryptionKeys {

    private record Loaded(FileTime modified, long size, WrappingKey key) {
    }

    static {
        Keysets.registerPrimitives();
    }

    private final Path file;
    private volatile Loaded loaded;

    private KeysetFile(Path file) {
        this.file = file;
        this.loaded = load();
    }

    /** @throws UncheckedIOException when there is no such file: nothing can be stored or read without it */
    public static KeysetFile at(Path file) {
        return new KeysetFile(file);
    }

    @Override
    public WrappingKey primary() {
        Loaded current = loaded;
        if (!current.modified().equals(modified()) || current.size() != size()) {
            synchronized (this) {
                loaded = load();
                current = loaded;
            }
        }
        return current.key();
    }

    private Loaded load() {
        FileTime modified = modified();
        long size = size();
        KeysetHandle keyset = Keysets.read(file);
        try {
            Aead aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            return new Loaded(modified, size, new WrappingKey(Keysets.primaryId(keyset), aead));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keyset " + file + " holds no key-encryption key (AES256_GCM)", e);
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-encryption keyset " + file, e);
        }
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-encryption keyset " + file, e);
        }
    }
}
