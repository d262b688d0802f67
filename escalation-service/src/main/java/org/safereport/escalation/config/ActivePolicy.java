package org.safereport.escalation.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.policy.RoutingPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The routing policy and people directory in force, and the policy's own text. They are read from the files that
 * {@code escalation.policy.file}, {@code escalation.directory.file} and {@code escalation.policy-text.file} name,
 * or the bundled first versions when those are not set. An invalid file stops the service from starting; at run time the
 * files are read again every {@code escalation.reload-interval}, and a changed pair that is valid
 * replaces the active one, while an invalid one is refused: the last good version stays in force and
 * the error is logged and shown on the readiness check (and the {@code escalation.policy.reload.failed}
 * gauge) until the files are fixed.
 * <p>
 * Each time a policy comes into force (at start and at each change) {@link PolicyInForce} is fired, so that
 * its public part is published for the report form.
 */
@ApplicationScoped
public class ActivePolicy {

    private static final Logger LOG = Logger.getLogger(ActivePolicy.class);
    private static final String BUNDLED_POLICY = "policy/routing-policy.yaml";
    private static final String BUNDLED_DIRECTORY = "policy/directory.yaml";
    private static final String BUNDLED_TEXT = "policy/social-media-policy.md";

    /** The pair in force, the policy's text and the bytes they were read from, swapped as one so that readers never mix versions. */
    private record Active(PolicyFiles.Loaded loaded, byte[] policyBytes, byte[] directoryBytes, byte[] textBytes) {
    }

    /** A policy has come into force: at start, or a reload changed its content. */
    public record PolicyInForce(RoutingPolicy policy) {
    }

    /** A refused reload: what was wrong, for which file contents (so the same broken files are reported once). */
    public record ReloadFailure(Instant at, String problems, byte[] policyBytes, byte[] directoryBytes) {
    }

    private final Optional<String> policyFile;
    private final Optional<String> directoryFile;
    private final Optional<String> textFile;
    private final Event<PolicyInForce> inForce;
    private final Clock clock;
    private volatile Active active;
    private volatile ReloadFailure lastFailure;

    ActivePolicy(EscalationConfig config, Event<PolicyInForce> inForce, Clock clock, MeterRegistry meters) {
        this.policyFile = config.policy().file();
        this.directoryFile = config.directory().file();
        this.textFile = config.policyText().file();
        this.inForce = inForce;
        this.clock = clock;
        byte[] policyBytes = read(policyFile, BUNDLED_POLICY);
        byte[] directoryBytes = read(directoryFile, BUNDLED_DIRECTORY);
        this.active = new Active(load(policyBytes, directoryBytes), policyBytes, directoryBytes, read(textFile, BUNDLED_TEXT));
        log("in force", active.loaded());
        meters.gauge("escalation.policy.reload.failed", this, policy -> policy.lastFailure == null ? 0 : 1);
    }

    /** The policy and directory in force, as one consistent pair. */
    public PolicyFiles.Loaded current() {
        return active.loaded();
    }

    public RoutingPolicy policy() {
        return current().policy();
    }

    public Directory directory() {
        return current().directory();
    }

    /** The policy's own words (Markdown), as every member is asked to read them. */
    public String policyText() {
        return new String(active.textBytes(), StandardCharsets.UTF_8);
    }

    /** The last refused reload, if the files are still the refused ones; empty once a valid pair is loaded. */
    public Optional<ReloadFailure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    void announceAtStart(@Observes StartupEvent startup) {
        inForce.fire(new PolicyInForce(policy()));
    }

    @Scheduled(every = "${escalation.reload-interval}", delayed = "${escalation.reload-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledReload() {
        reload();
    }

    /**
     * Reads the files again and puts them in force if they changed and are valid.
     *
     * @return {@code true} when a new version came into force
     */
    public synchronized boolean reload() {
        byte[] policyBytes;
        byte[] directoryBytes;
        byte[] textBytes;
        try {
            policyBytes = read(policyFile, BUNDLED_POLICY);
            directoryBytes = read(directoryFile, BUNDLED_DIRECTORY);
            textBytes = read(textFile, BUNDLED_TEXT);
        } catch (UncheckedIOException e) {
            // A ConfigMap update swaps a symlink; a read in the middle of it is retried at the next check.
            LOG.warnf("Routing policy files could not be read, will retry: %s", e.getMessage());
            return false;
        }
        Active current = active;
        if (Arrays.equals(policyBytes, current.policyBytes()) && Arrays.equals(directoryBytes, current.directoryBytes())
                && Arrays.equals(textBytes, current.textBytes())) {
            lastFailure = null;
            return false;
        }
        PolicyFiles.Loaded loaded;
        try {
            loaded = load(policyBytes, directoryBytes);
        } catch (PolicyFiles.InvalidFileException e) {
            ReloadFailure failure = lastFailure;
            if (failure == null || !Arrays.equals(failure.policyBytes(), policyBytes)
                    || !Arrays.equals(failure.directoryBytes(), directoryBytes)) {
                lastFailure = new ReloadFailure(clock.instant(), e.getMessage(), policyBytes, directoryBytes);
                LOG.errorf("Changed routing policy files refused; policy %s and directory %s stay in force:%n%s",
                        current.loaded().policy().version(), current.loaded().directory().version(), e.getMessage());
            }
            return false;
        }
        active = new Active(loaded, policyBytes, directoryBytes, textBytes);
        lastFailure = null;
        log("reloaded", loaded);
        if (!loaded.policy().contentHash().equals(current.loaded().policy().contentHash())) {
            inForce.fire(new PolicyInForce(loaded.policy()));
        }
        return true;
    }

    private PolicyFiles.Loaded load(byte[] policyBytes, byte[] directoryBytes) {
        return PolicyFiles.load(name(policyFile, BUNDLED_POLICY), policyBytes, name(directoryFile, BUNDLED_DIRECTORY),
                directoryBytes);
    }

    private static void log(String what, PolicyFiles.Loaded loaded) {
        LOG.infof("Routing policy %s (sha256 %s) %s; directory %s with %d people", loaded.policy().version(),
                loaded.policy().contentHash().substring(0, 12), what, loaded.directory().version(),
                loaded.directory().people().size());
    }

    private static String name(Optional<String> file, String bundled) {
        return file.orElse("classpath:" + bundled);
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
