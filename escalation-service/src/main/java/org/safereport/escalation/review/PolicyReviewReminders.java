package org.safereport.escalation.review;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.events.notification.Channel;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.Template;
import org.safereport.events.notification.TemplateData;
import org.safereport.messaging.outbox.Outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;

/**
 * The policy says it is reviewed every few years: from {@value #NOTICE_DAYS} days before the review date,
 * the Chair of Trustees is reminded, and again every {@value #REPEAT_DAYS} days until a new version is in
 * force. The last reminder's time is kept per policy version in the database and decided under a row
 * lock, so replicas and restarts send each reminder once.
 */
@ApplicationScoped
public class PolicyReviewReminders {

    private static final Logger LOG = Logger.getLogger(PolicyReviewReminders.class);
    static final int NOTICE_DAYS = 30;
    static final int REPEAT_DAYS = 7;

    private final ActivePolicy activePolicy;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;

    PolicyReviewReminders(ActivePolicy activePolicy, Outbox outbox, EntityManager entityManager, Clock clock) {
        this.activePolicy = activePolicy;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Scheduled(every = "${escalation.review-check-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledCheck() {
        check();
    }

    /** Reminds the Chair if a reminder is due now; returns whether one was sent. */
    @Transactional
    public boolean check() {
        RoutingPolicy policy = activePolicy.policy();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, policy.calendar().zone());
        if (today.isBefore(policy.reviewDue().minus(Period.ofDays(NOTICE_DAYS)))) {
            return false;
        }
        entityManager.createNativeQuery("""
                        INSERT INTO policy_review_reminder (policy_hash, policy_version) VALUES (:hash, :version)
                        ON CONFLICT (policy_hash) DO NOTHING""")
                .setParameter("hash", policy.contentHash()).setParameter("version", policy.version()).executeUpdate();
        Object last = entityManager.createNativeQuery(
                        "SELECT last_reminded_at FROM policy_review_reminder WHERE policy_hash = :hash FOR UPDATE")
                .setParameter("hash", policy.contentHash()).getSingleResult();
        Instant lastRemindedAt = last == null ? null : toInstant(last);
        if (lastRemindedAt != null && now.isBefore(lastRemindedAt.plus(Duration.ofDays(REPEAT_DAYS)))) {
            return false;
        }
        List<Person> chairs = activePolicy.directory().holders(Role.CHAIR_OF_TRUSTEES);
        chairs.forEach(chair -> remind(chair, policy, now));
        entityManager.createNativeQuery("UPDATE policy_review_reminder SET last_reminded_at = :now WHERE policy_hash = :hash")
                .setParameter("now", now).setParameter("hash", policy.contentHash()).executeUpdate();
        LOG.infof("Policy %s is due for review on %s: the Chair of Trustees reminded (%d recipient(s))", policy.version(),
                policy.reviewDue(), chairs.size());
        return true;
    }

    /**
     * The reminder is about no case: no case reference and no acknowledgement link; keyed by the policy so that
     * a policy's reminders stay in order, and unique per reminder by its time.
     */
    private void remind(Person chair, RoutingPolicy policy, Instant now) {
        UUID requestId = UUID.nameUUIDFromBytes(String.join("/", Template.POLICY_REVIEW.wireName(), policy.contentHash(),
                chair.id(), now.toString()).getBytes(StandardCharsets.UTF_8));
        outbox.add("policy-" + policy.contentHash(), NotificationRequestedV1.of(now, requestId, null,
                new NotificationRequestedV1.Recipient(chair.id(), chair.name(), chair.email(), chair.mobile()),
                List.of(Channel.EMAIL), Template.POLICY_REVIEW,
                new TemplateData.PolicyReviewDue(policy.version(), policy.approvedOn(), policy.reviewDue()), null,
                NotificationRequestedV1.Priority.NORMAL));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
