package org.safereport.messaging.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.safereport.messaging.DrainLoop;
import org.safereport.messaging.tracing.TraceContext;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes stored outbox messages to Kafka, oldest first, and marks them published once the broker has
 * acknowledged them. It runs right after each commit and also on a timer, so rows left behind by a
 * crash or by a Kafka outage are published when Kafka is back. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several replicas never publish the same row at the same time. Each
 * row the broker acknowledged is marked published; the others stay queued. A row published whose mark
 * was lost (a crash before the commit) is published again, which consumers absorb by event id. Each record
 * continues the trace its row was stored in: the connector's publish span is a child of that span, and
 * writes its own W3C {@code traceparent} (and {@code tracestate}) header for the consumer to continue from.
 * A published row keeps no payload.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The channel every service maps to its Kafka producer; the topic is set per message. */
    public static final String CHANNEL = "outbox";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Emitter<String> emitter;
    /** The CloudEvents {@code source} of every event this service publishes. */
    private final URI source;
    private final EntityManager entityManager;
    private final Clock clock;
    private final int batchSize;
    private final long acknowledgementTimeoutSeconds;
    private final DrainLoop loop;

    public OutboxRelay(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
                EntityManager entityManager, Clock clock,
                @ConfigProperty(name = "outbox.batch-size", defaultValue = "200") int batchSize,
                // Longer than the producer's attempt can take (max.block.ms + delivery.timeout.ms, 10 s + 120 s): the
                // relay never stops waiting for a record that may still be written, which would publish it twice.
                @ConfigProperty(name = "outbox.acknowledgement-timeout-seconds", defaultValue = "150") long acknowledgementTimeoutSeconds,
                @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.source = URI.create("/safereport/" + applicationName);
        this.emitter = emitter;
        this.entityManager = entityManager;
        this.clock = clock;
        this.batchSize = batchSize;
        this.acknowledgementTimeoutSeconds = acknowledgementTimeoutSeconds;
        this.loop = new DrainLoop("outbox-relay", batchSize, this::publishBatch);
    }

    public void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxMessageStored stored) {
        loop.request();
    }

    @Scheduled(every = "${outbox.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void poll() {
        loop.request();
    }

    private int publishBatch() {
        return QuarkusTransaction.requiringNew().timeout((int) acknowledgementTimeoutSeconds * 2).call(() -> {
            @SuppressWarnings("unchecked")
            List<OutboxMessage> batch = entityManager.createNativeQuery(
                            "SELECT * FROM outbox_message WHERE published_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
                            OutboxMessage.class)
                    .setParameter("limit", batchSize)
                    .getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<Void>> acknowledgements = new ArrayList<>(batch.size());
            for (OutboxMessage message : batch) {
                acknowledgements.add(send(message));
            }
            awaitOutcomes(acknowledgements);
            // Each acknowledged message is marked, even when others in the batch failed: rolling the whole
            // batch back would publish the acknowledged ones again (after a broker outage, most of the backlog).
            var now = clock.instant();
            int published = 0;
            for (int i = 0; i < batch.size(); i++) {
                CompletableFuture<Void> acknowledgement = acknowledgements.get(i);
                if (acknowledgement.isDone() && !acknowledgement.isCompletedExceptionally()) {
                    batch.get(i).publishedAt = now;
                    // Kafka has it now; kept here, a link or an address in it would outlive its use.
                    batch.get(i).payload = null;
                    published++;
                }
            }
            if (published < batch.size()) {
                LOG.warnf("Outbox relay: Kafka acknowledged %d of %d message(s); the rest stay queued and are sent again (%s)",
                        published, batch.size(), firstFailure(acknowledgements));
            }
            LOG.debugf("Outbox relay published %d message(s)", published);
            return published;
        });
    }

    /** Why the first unacknowledged send failed; Kafka's reasons name topics and sizes, never a payload. */
    private static String firstFailure(List<CompletableFuture<Void>> acknowledgements) {
        for (CompletableFuture<Void> acknowledgement : acknowledgements) {
            if (!acknowledgement.isDone()) {
                return "no answer within the acknowledgement timeout";
            }
            if (acknowledgement.isCompletedExceptionally()) {
                try {
                    acknowledgement.join();
                } catch (CompletionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
                }
            }
        }
        return "none";
    }

    /** Waits until every send has its outcome from the broker, or the acknowledgement timeout has passed. */
    private void awaitOutcomes(List<CompletableFuture<Void>> acknowledgements) throws InterruptedException {
        try {
            CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                    .get(acknowledgementTimeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Which sends failed, or still have no outcome after the timeout, is read from each one.
        }
    }

    private CompletableFuture<Void> send(OutboxMessage message) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", message.eventId.toString().getBytes(StandardCharsets.UTF_8));
        headers.add("event-type", message.eventType.getBytes(StandardCharsets.UTF_8));
        emitter.send(Message.of(message.payload)
                // CloudEvents 1.0 in binary mode: the connector writes ce_id, ce_type, ce_source, ce_specversion
                // and ce_time as headers, and the body stays the event's own JSON.
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(message.eventId.toString())
                        .withType(message.eventType)
                        .withSource(source)
                        .withTimestamp(message.createdAt.atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(TracingMetadata.withCurrent(new TraceContext(message.traceparent, message.tracestate).restore()))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(message.topic)
                        .withKey(message.key)
                        .withHeaders(headers)
                        .build())
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acknowledged;
    }

    public void onShutdown(@Observes ShutdownEvent shutdown) {
        loop.stop(acknowledgementTimeoutSeconds);
    }
}
