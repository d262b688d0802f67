package org.safereport.intake.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.intake.domain.PublicPolicy;
import org.safereport.events.PolicyPublishedV1;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The policy in force: in memory for every request, and its latest record in the database so that a
 * restart can serve the form at once, before the policy topic has been read again.
 */
@ApplicationScoped
public class PolicyStore {

    private static final Logger LOG = Logger.getLogger(PolicyStore.class);

    private final ObjectMapper objectMapper;
    private final AtomicReference<PublicPolicy> current = new AtomicReference<>();

    PolicyStore(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    void loadStored(@Observes StartupEvent startup) {
        QuarkusTransaction.requiringNew().run(() -> PublishedPolicy.<PublishedPolicy>findByIdOptional(PolicyPublishedV1.KEY)
                .ifPresent(stored -> {
                    try {
                        remember(PublicPolicy.of(objectMapper.readValue(stored.payload, PolicyPublishedV1.class)));
                    } catch (Exception e) {
                        // A stored copy this version cannot read: the topic will supply the policy.
                        LOG.warnf("Stored policy %s is unreadable, waiting for the policy topic: %s", stored.version, e.toString());
                    }
                }));
    }

    public Optional<PublicPolicy> current() {
        return Optional.ofNullable(current.get());
    }

    /** Keeps {@code policy} unless a newer one is already known; an older record (a replay) changes nothing. */
    @Transactional
    public void offer(PublicPolicy policy, String payload) {
        PublishedPolicy stored = PublishedPolicy.findById(PolicyPublishedV1.KEY);
        if (stored != null && stored.occurredAt.isAfter(policy.publishedAt())) {
            return;
        }
        if (stored == null) {
            stored = new PublishedPolicy();
            stored.key = PolicyPublishedV1.KEY;
            stored.version = policy.version();
            stored.occurredAt = policy.publishedAt();
            stored.payload = payload;
            stored.persist();
        } else {
            stored.version = policy.version();
            stored.occurredAt = policy.publishedAt();
            stored.payload = payload;
        }
        remember(policy);
    }

    private void remember(PublicPolicy policy) {
        PublicPolicy previous = current.getAndAccumulate(policy,
                (known, offered) -> known != null && known.publishedAt().isAfter(offered.publishedAt()) ? known : offered);
        if (previous == null || !previous.version().equals(current.get().version())) {
            LOG.infof("Routing policy %s in force (%d categories)", current.get().version(), current.get().categories().size());
        }
    }
}
