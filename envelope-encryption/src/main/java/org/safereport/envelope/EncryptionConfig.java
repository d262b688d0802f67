package org.safereport.envelope;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a service's keys are: Tink keyset files (JSON), in production mounted from the service's Kubernetes
 * Secret. No default in production: a service does not start without them.
 */
@ConfigMapping(prefix = "safereport.encryption")
public interface EncryptionConfig {

    /** The key-encryption keys (AES256_GCM): the primary wraps, every key unwraps. */
    Path keyEncryptionKeyset();

    /** The blind indexes' key (HMAC_SHA256_PRF): for a service that finds records by a value it stores only sealed. */
    Optional<Path> indexKeyset();

    /** Make the files when missing: for tests and the local stack only, never in production. */
    @WithDefault("false")
    boolean createMissing();
}
