package org.safereport.notification.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.safereport.messaging.DrainLoop;
import org.safereport.messaging.outbox.Outbox;
import org.safereport.messaging.tracing.TraceContext;
import org.safereport.notification.config.NotificationConfig;
import org.safereport.notification.domain.AttemptOutcome;
import org.safereport.notification.domain.Backoff;
import org.safereport.events.notification.Channel;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.messaging.consumer.PersonalData;
import org.safereport.notification.domain.RetryPolicy;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.NotificationStatusV1;
import org.safereport.notification.persistence.Delivery;
import org.safereport.notification.persistence.DeliveryStore;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works through the due deliveries of every channel, one background loop per channel so that a slow SMS
 * provider never holds up email. Each round is one transaction: up to the channel's {@code batch-size}
 * deliveries are claimed with {@code FOR UPDATE SKIP LOCKED} (replicas never send the same one), sent at
 * the same time (one sender thread each; the mailer keeps that many SMTP connections open), and their
 * outcomes recorded together with the {@code notification.status} events in the outbox, so an outcome is
 * published if and only if it was recorded. When a round's sends went out but its transaction failed (the
 * database went away), their outcomes are kept and recorded before the next round, so that they are not
 * sent again. A delivery whose attempt was cut off by a crash is still due after the restart (sent again
 * with the same Message-ID), and a graceful stop lets the round in flight finish and be recorded. Each
 * attempt is a span in the trace its request arrived in, and its outcome's status event is published in it.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
    /** Time for the database work around a send, on top of the channel's send timeout. */
    private static final int TRANSACTION_MARGIN_SECONDS = 15;

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Tracer tracer;
    private final SecureRandom random = new SecureRandom();
    private final Map<Channel, DrainLoop> loops = new EnumMap<>(Channel.class);
    private final Map<Channel, NotificationConfig.Retries> settings = new EnumMap<>(Channel.class);
    private final Map<Channel, ExecutorService> sendingThreads = new EnumMap<>(Channel.class);
    /** Per channel, the attempts of a round that could not be recorded; only that channel's loop thread touches its entry. */
    private final Map<Channel, List<Attempted>> leftOver = new ConcurrentHashMap<>();

    /** One attempt made: which delivery, its attempt number, and what it came to. */
    private record Attempted(UUID deliveryId, int attempt, AttemptOutcome outcome) {
    }

    DeliveryDispatcher(@All List<ChannelSender> senders, EntityManager entityManager, ObjectMapper objectMapper,
                       Outbox outbox, Clock clock, MeterRegistry meters, Tracer tracer, NotificationConfig config) {
        this.entityManager = entityManager;
        this.tracer = tracer;
        this.objectMapper = objectMapper;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
        for (ChannelSender sender : senders) {
            Channel channel = sender.channel();
            NotificationConfig.Retries channelSettings = channel == Channel.EMAIL ? config.email() : config.sms();
            settings.put(channel, channelSettings);
            String name = channel.name().toLowerCase();
            AtomicInteger threads = new AtomicInteger();
            sendingThreads.put(channel, Executors.newFixedThreadPool(channelSettings.batchSize(), runnable -> {
                Thread thread = new Thread(runnable, name + "-sender-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }));
            // A stop waits for one round of parallel sends at most, and each round's outcomes commit together.
            loops.put(channel, new DrainLoop(name + "-dispatcher", channelSettings.batchSize(), () -> attemptDue(sender)));
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryStore.DeliveriesAccepted accepted) {
        // Only the channels that have something new: a round finding nothing is still a transaction.
        accepted.channels().forEach(channel -> loops.get(channel).request());
    }

    /** Picks up retries as they fall due, and whatever a restart or an outage left behind. */
    @Scheduled(every = "${notification.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        loops.values().forEach(DrainLoop::request);
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        loops.forEach((channel, loop) -> loop.stop(settings.get(channel).sendTimeout().toSeconds() + TRANSACTION_MARGIN_SECONDS));
        sendingThreads.values().forEach(ExecutorService::shutdown);
    }

    /** @return how many deliveries were attempted, 0 when none is due */
    private int attemptDue(ChannelSender sender) {
        Channel channel = sender.channel();
        NotificationConfig.Retries channelSettings = settings.get(channel);
        int timeout = (int) channelSettings.sendTimeout().toSeconds() + TRANSACTION_MARGIN_SECONDS;
        RetryPolicy retries = new RetryPolicy(new Backoff(channelSettings.firstBackoff(), channelSettings.maxBackoff()),
                channelSettings.maxAttempts());
        recordLeftOver(channel, retries);
        List<Attempted> attempted = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        try {
            return QuarkusTransaction.requiringNew().timeout(timeout).call(() -> {
                List<Delivery> due = claimDue(channel, channelSettings.batchSize());
                List<Future<AttemptOutcome>> attempts = new ArrayList<>(due.size());
                for (Delivery delivery : due) {
                    delivery.attempts++;
                    String storedRequest = delivery.request;
                    UUID deliveryId = delivery.id;
                    Span span = startAttemptSpan(delivery);
                    spans.add(span);
                    attempts.add(sendingThreads.get(channel).submit(
                            Context.root().with(span).wrap(() -> attempt(sender, storedRequest, deliveryId))));
                }
                for (int i = 0; i < due.size(); i++) {
                    Delivery delivery = due.get(i);
                    attempted.add(new Attempted(delivery.id, delivery.attempts, outcome(attempts.get(i), channelSettings.sendTimeout())));
                    count(channel, attempted.get(i).outcome());
                }
                for (int i = 0; i < due.size(); i++) {
                    try (Scope statusInAttemptSpan = spans.get(i).makeCurrent()) {
                        record(due.get(i), attempted.get(i).outcome(), retries);
                    }
                    if (attempted.get(i).outcome() instanceof AttemptOutcome.Failed failed) {
                        // Only the kind: a failure's reason may quote an address.
                        spans.get(i).setStatus(StatusCode.ERROR, failed.permanent() ? "failed for good" : "failed, to be retried");
                    }
                }
                return due.size();
            });
        } catch (RuntimeException e) {
            if (!attempted.isEmpty()) {
                // The messages went out but the round did not commit (the database went away, or the round
                // outlived its transaction): rolled back, they would be due and sent again.
                leftOver.put(channel, List.copyOf(attempted));
                LOG.warnf("%d %s attempt(s) made but not recorded (%s); they are recorded before the next round",
                        attempted.size(), channel, e.toString());
            }
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** An attempt's span, a child of the span the request was accepted in; it names the case, never the recipient. */
    private Span startAttemptSpan(Delivery delivery) {
        return tracer.spanBuilder(delivery.channel + " send")
                .setSpanKind(SpanKind.CLIENT)
                .setParent(new TraceContext(delivery.traceparent, delivery.tracestate).restore())
                .setAttribute("safereport.channel", delivery.channel)
                .setAttribute("safereport.delivery.id", delivery.id.toString())
                .setAttribute("safereport.delivery.attempt", delivery.attempts)
                .setAttribute("safereport.case.reference", delivery.caseReference)  // none for a policy review: left out
                .startSpan();
    }

    /**
     * Records the outcomes of a round that did not commit, before anything else is claimed; throws, and is
     * tried again on the next round, while the database is still away. A delivery attempted since, by another
     * replica, keeps that attempt's record.
     */
    private void recordLeftOver(Channel channel, RetryPolicy retries) {
        List<Attempted> attempted = leftOver.get(channel);
        if (attempted == null) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (Attempted attempt : attempted) {
                Delivery delivery = entityManager.find(Delivery.class, attempt.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
                if (delivery != null && delivery.state.isDue() && delivery.attempts == attempt.attempt() - 1) {
                    delivery.attempts = attempt.attempt();
                    record(delivery, attempt.outcome(), retries);
                }
            }
        });
        leftOver.remove(channel);
    }

    private List<Delivery> claimDue(Channel channel, int limit) {
        @SuppressWarnings("unchecked")
        List<Delivery> due = entityManager.createNativeQuery("""
                        SELECT * FROM delivery
                        WHERE channel = :channel AND state IN ('PENDING', 'FAILED_TRANSIENT') AND next_attempt_at <= :now
                        ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""", Delivery.class)
                .setParameter("channel", channel.name())
                .setParameter("now", clock.instant())
                .setParameter("limit", limit)
                .getResultList();
        return due;
    }

    /** Runs on a sender thread: no database work here, only the stored request and the delivery's id. */
    private AttemptOutcome attempt(ChannelSender sender, String storedRequest, UUID deliveryId) {
        NotificationRequestedV1 request;
        try {
            request = objectMapper.readValue(storedRequest, NotificationRequestedV1.class);
        } catch (IOException e) {
            return AttemptOutcome.Failed.permanent("the stored request cannot be read: " + e.getClass().getSimpleName());
        }
        try {
            return sender.send(request, deliveryId);
        } catch (RuntimeException e) {
            return AttemptOutcome.Failed.transientFailure(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The sender bounds each send by its send timeout; the wait here only guards against a sender that does not. */
    private static AttemptOutcome outcome(Future<AttemptOutcome> attempt, Duration sendTimeout) {
        try {
            return attempt.get(sendTimeout.toMillis() + TimeUnit.SECONDS.toMillis(TRANSACTION_MARGIN_SECONDS) / 2,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return AttemptOutcome.Failed.transientFailure(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            attempt.cancel(true);
            return AttemptOutcome.Failed.transientFailure("the attempt did not finish within the send timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptOutcome.Failed.transientFailure("interrupted while waiting for the attempt");
        }
    }

    private void record(Delivery delivery, AttemptOutcome outcome, RetryPolicy retries) {
        Instant now = clock.instant();
        if (outcome instanceof AttemptOutcome.Sent sent) {
            delivery.state = DeliveryState.SENT;
            delivery.sentAt = now;
            delivery.lastError = null;
            delivery.providerMessageId = sent.providerMessageId();
            delivery.request = null;
            publish(delivery, NotificationStatusV1.Outcome.SENT, false, null, now);
            countDelivery(delivery, "sent");
            LOG.infof("%s for case %s sent (delivery %s, attempt %d)", delivery.channel, delivery.caseReference,
                    delivery.id, delivery.attempts);
            return;
        }
        AttemptOutcome.Failed failed = (AttemptOutcome.Failed) outcome;
        RetryPolicy.Decision decision = retries.afterFailure(delivery.attempts,
                new AttemptOutcome.Failed(failed.permanent(), PersonalData.redact(failed.reason())), now, random);
        delivery.state = decision.state();
        delivery.lastError = decision.reason();
        publish(delivery, NotificationStatusV1.Outcome.FAILED, decision.isFinal(), decision.reason(), now);
        if (decision.isFinal()) {
            delivery.request = null;
            countDelivery(delivery, "failed");
            LOG.errorf("%s for case %s failed for good after %d attempt(s) (delivery %s): %s", delivery.channel,
                    delivery.caseReference, delivery.attempts, delivery.id, decision.reason());
        } else {
            delivery.nextAttemptAt = decision.nextAttemptAt();
            LOG.warnf("%s for case %s failed (attempt %d, delivery %s), next attempt at %s: %s", delivery.channel,
                    delivery.caseReference, delivery.attempts, delivery.id, delivery.nextAttemptAt, decision.reason());
        }
    }

    private void publish(Delivery delivery, NotificationStatusV1.Outcome outcome, boolean permanent, String reason, Instant now) {
        outbox.add(delivery.requestId.toString(), NotificationStatusV1.of(now, delivery.requestId, delivery.id,
                delivery.caseReference, Channel.valueOf(delivery.channel), outcome, permanent, reason, delivery.attempts));
    }

    /** A delivery's end, once: sent, or failed with nothing more to try. */
    private void countDelivery(Delivery delivery, String outcome) {
        meters.counter("notification.deliveries", "channel", delivery.channel, "outcome", outcome).increment();
    }

    /** Counted when made, once, whether or not its round commits (a round recorded later is not counted again). */
    private void count(Channel channel, AttemptOutcome outcome) {
        String result = outcome instanceof AttemptOutcome.Failed failed
                ? failed.permanent() ? "failed-permanent" : "failed-transient"
                : "sent";
        meters.counter("notification.attempts", "channel", channel.name(), "outcome", result).increment();
    }
}
