package org.safereport.escalation.domain;

import org.safereport.escalation.config.PolicyFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/** The policy and sample directory the service ships, loaded as the service loads them. */
public final class BundledPolicy {

    private BundledPolicy() {
    }

    public static PolicyFiles.Loaded load() {
        return PolicyFiles.load("routing-policy.yaml", read("policy/routing-policy.yaml"),
                "directory.yaml", read("policy/directory.yaml"));
    }

    private static byte[] read(String resource) {
        try (InputStream in = BundledPolicy.class.getClassLoader().getResourceAsStream(resource)) {
            return Objects.requireNonNull(in, resource).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
