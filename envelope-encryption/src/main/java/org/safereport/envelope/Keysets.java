package org.safereport.envelope;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;

/**
 * Tink keyset files in Tink's JSON format, as ops keep them in a Secret: made, read, and given a new primary
 * key. Run as a program by ops and by the local stack:
 * <pre>
 *   Keysets new-key-encryption-keyset FILE   a key-encryption keyset with one key
 *   Keysets new-index-keyset FILE            the blind indexes' key (never rotated: the indexes would change)
 *   Keysets rotate FILE                      a new primary key in a key-encryption keyset; the old keys stay to unwrap
 * </pre>
 */
public final class Keysets {

    /** Wraps data keys. */
    static final Parameters KEY_ENCRYPTION_KEY = PredefinedAeadParameters.AES256_GCM;
    /** Keyed hashes for blind indexes. */
    static final Parameters INDEX_KEY = PredefinedPrfParameters.HMAC_SHA256_PRF;

    static {
        registerPrimitives();
    }

    private Keysets() {
    }

    /** Tink's key types and primitives used here, registered once (again is harmless). */
    static void registerPrimitives() {
        try {
            AeadConfig.register();
            StreamingAeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot register its primitives", e);
        }
    }

    public static void main(String[] arguments) {
        if (arguments.length != 2) {
            System.err.println("usage: Keysets new-key-encryption-keyset|new-index-keyset|rotate FILE");
            System.exit(2);
        }
        Path file = Path.of(arguments[1]);
        switch (arguments[0]) {
            case "new-key-encryption-keyset" -> createIfMissing(file, KEY_ENCRYPTION_KEY);
            case "new-index-keyset" -> createIfMissing(file, INDEX_KEY);
            case "rotate" -> System.out.println("primary key id now " + rotate(file));
            default -> {
                System.err.println("unknown command " + arguments[0]);
                System.exit(2);
            }
        }
    }

    /** Writes a keyset of one new key of {@code parameters} to {@code file}, unless the file exists. */
    public static void createIfMissing(Path file, Parameters parameters) {
        if (Files.exists(file)) {
            return;
        }
        try {
            write(file, KeysetHandle.generateNew(parameters));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a keyset for " + file, e);
        }
    }

    /**
     * Adds a new key to the key-encryption keyset in {@code file} and makes it the primary key; the file is
     * replaced in one move, so that a service reading it meanwhile sees the old keyset or the new.
     *
     * @return the new primary key's id
     */
    public static String rotate(Path file) {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(read(file))
                    .addEntry(KeysetHandle.generateEntryFromParameters(KEY_ENCRYPTION_KEY).withRandomId().makePrimary())
                    .build();
            write(file, rotated);
            return primaryId(rotated);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not rotate the keyset " + file, e);
        }
    }

    static KeysetHandle read(Path file) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keyset " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keyset " + file + " is not a Tink keyset in JSON", e);
        }
    }

    static String primaryId(KeysetHandle keyset) {
        return Integer.toUnsignedString(keyset.getPrimary().getId());
    }

    private static void write(Path file, KeysetHandle keyset) throws GeneralSecurityException {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path next = Files.createTempFile(folder, ".keyset", ".json");
            Files.writeString(next, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the keyset " + file, e);
        }
    }
}
