package org.safereport.escalation.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.policy.RoutingPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The routing policy and people directory in force. They are read from the files that
 * {@code escalation.policy.file} and {@code escalation.directory.file} name, or the bundled first
 * versions when those are not set. An invalid file stops the service from starting.
 */
@Startup
@ApplicationScoped
public class ActivePolicy {

    private static final Logger LOG = Logger.getLogger(ActivePolicy.class);
    private static final String BUNDLED_POLICY = "policy/routing-policy.yaml";
    private static final String BUNDLED_DIRECTORY = "policy/directory.yaml";

    private final PolicyFiles.Loaded loaded;

    ActivePolicy(EscalationConfig config) {
        Optional<String> policyFile = config.policy().file();
        Optional<String> directoryFile = config.directory().file();
        String policyName = policyFile.orElse("classpath:" + BUNDLED_POLICY);
        String directoryName = directoryFile.orElse("classpath:" + BUNDLED_DIRECTORY);
        this.loaded = PolicyFiles.load(policyName, read(policyFile, BUNDLED_POLICY),
                directoryName, read(directoryFile, BUNDLED_DIRECTORY));
        LOG.infof("Routing policy %s (sha256 %s) from %s; directory %s with %d people from %s",
                loaded.policy().version(), loaded.policy().contentHash().substring(0, 12), policyName,
                loaded.directory().version(), loaded.directory().people().size(), directoryName);
    }

    public RoutingPolicy policy() {
        return loaded.policy();
    }

    public Directory directory() {
        return loaded.directory();
    }

    private static byte[] read(Optional<String> file, String bundled) {
        try {
            if (file.isPresent()) {
                return Files.readAllBytes(Path.of(file.get()));
            }
            try (InputStream in = ActivePolicy.class.getClassLoader().getResourceAsStream(bundled)) {
                return Objects.requireNonNull(in, bundled).readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.orElse(bundled), e);
        }
    }
}
