package org.safereport.notification.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.safereport.messaging.DrainLoop;
import org.safereport.notification.domain.Backoff;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.notification.messaging.NotificationRequested;
import org.safereport.notification.persistence.Delivery;
import org.safereport.notification.persistence.DeliveryStore;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends due email deliveries over SMTP and records each outcome. Deliveries are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so that replicas never send the same one; a transient failure is
 * retried with backoff until {@code notification.email.max-attempts}, a permanent one is not.
 */
@ApplicationScoped
public class EmailDispatcher {

    private static final Logger LOG = Logger.getLogger(EmailDispatcher.class);
    private static final int BATCH_SIZE = 20;

    private final ReactiveMailer mailer;
    private final EmailMessages messages;
    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Duration sendTimeout;
    private final SecureRandom random = new SecureRandom();
    private final DrainLoop loop = new DrainLoop("email-dispatcher", BATCH_SIZE, this::sendDueBatch);

    EmailDispatcher(ReactiveMailer mailer, EmailMessages messages, EntityManager entityManager, ObjectMapper objectMapper,
                    Clock clock,
                    @ConfigProperty(name = "notification.email.first-backoff", defaultValue = "PT2S") Duration firstBackoff,
                    @ConfigProperty(name = "notification.email.max-backoff", defaultValue = "PT5M") Duration maxBackoff,
                    @ConfigProperty(name = "notification.email.max-attempts", defaultValue = "20") int maxAttempts,
                    @ConfigProperty(name = "notification.email.send-timeout", defaultValue = "PT30S") Duration sendTimeout) {
        this.mailer = mailer;
        this.messages = messages;
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.backoff = new Backoff(firstBackoff, maxBackoff);
        this.maxAttempts = maxAttempts;
        this.sendTimeout = sendTimeout;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryStore.DeliveriesAccepted accepted) {
        loop.request();
    }

    @Scheduled(every = "${notification.email.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        loop.request();
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        loop.stop(sendTimeout.toSeconds());
    }

    private int sendDueBatch() {
        return QuarkusTransaction.requiringNew().timeout((int) sendTimeout.toSeconds() * (BATCH_SIZE + 1)).call(() -> {
            @SuppressWarnings("unchecked")
            List<Delivery> due = entityManager.createNativeQuery("""
                            SELECT * FROM delivery
                            WHERE channel = 'EMAIL' AND state IN ('PENDING', 'FAILED_TRANSIENT') AND next_attempt_at <= :now
                            ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""", Delivery.class)
                    .setParameter("now", clock.instant())
                    .setParameter("limit", BATCH_SIZE)
                    .getResultList();
            due.forEach(this::attempt);
            return due.size();
        });
    }

    private void attempt(Delivery delivery) {
        delivery.attempts++;
        try {
            NotificationRequested request = objectMapper.readValue(delivery.request, NotificationRequested.class);
            mailer.send(messages.render(request, delivery.id)).await().atMost(sendTimeout);
            delivery.state = DeliveryState.SENT;
            delivery.sentAt = clock.instant();
            delivery.lastError = null;
            LOG.infof("Email for case %s sent (delivery %s, attempt %d)", delivery.caseReference, delivery.id, delivery.attempts);
        } catch (EmailMessages.UnsendableException | IOException e) {
            fail(delivery, true, e.getMessage());
        } catch (RuntimeException e) {
            fail(delivery, isPermanentSmtpRejection(e), e.toString());
        }
    }

    /** An SMTP 5xx (e.g. no such mailbox) will fail again; connection errors and 4xx may pass. */
    private static boolean isPermanentSmtpRejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp.isPermanent();
            }
        }
        return false;
    }

    private void fail(Delivery delivery, boolean permanent, String error) {
        Instant now = clock.instant();
        delivery.lastError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
        if (permanent || delivery.attempts >= maxAttempts) {
            delivery.state = DeliveryState.FAILED_PERMANENT;
            LOG.errorf("Email for case %s failed permanently after %d attempt(s) (delivery %s): %s",
                    delivery.caseReference, delivery.attempts, delivery.id, delivery.lastError);
        } else {
            delivery.state = DeliveryState.FAILED_TRANSIENT;
            delivery.nextAttemptAt = now.plus(backoff.afterAttempt(delivery.attempts, random));
            LOG.warnf("Email for case %s failed (attempt %d, delivery %s), next attempt at %s: %s",
                    delivery.caseReference, delivery.attempts, delivery.id, delivery.nextAttemptAt, delivery.lastError);
        }
    }
}
