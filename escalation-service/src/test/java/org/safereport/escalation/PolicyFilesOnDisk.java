package org.safereport.escalation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The bundled policy files copied to a folder, as a mounted ConfigMap holds them, for tests that change them. */
public final class PolicyFilesOnDisk {

    public static final String POLICY = "routing-policy.yaml";
    public static final String DIRECTORY = "directory.yaml";
    public static final String TEXT = "social-media-policy.md";

    private PolicyFilesOnDisk() {
    }

    /** A new folder with a copy of each bundled file. */
    public static Path copyBundledFiles() {
        try {
            Path folder = Files.createTempDirectory("policy");
            for (String name : new String[] {POLICY, DIRECTORY, TEXT}) {
                try (InputStream in = PolicyFilesOnDisk.class.getClassLoader().getResourceAsStream("policy/" + name)) {
                    Files.copy(in, folder.resolve(name));
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that make the service read the files in {@code folder}, reloaded only when a test asks. */
    public static Map<String, String> readFrom(Path folder) {
        return Map.of("escalation.policy.file", folder.resolve(POLICY).toString(),
                "escalation.directory.file", folder.resolve(DIRECTORY).toString(),
                "escalation.policy-text.file", folder.resolve(TEXT).toString(),
                "escalation.reload-interval", "1h");
    }
}
