package org.safereport.messaging.outbox;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

import java.util.Map;

/**
 * Lets the outbox's Kafka producer retry a record until its {@code delivery.timeout.ms}, while the
 * connector does not retry at all ({@code retries=0} on the channel, which would otherwise set both).
 * A producer retry re-sends the same batch with the same idempotence sequence, so the broker writes it
 * once; a connector retry, like any re-send, is a new record, written a second time when the first
 * attempt's outcome was unknown (a broker coming back). A record the producer gives up on is sent
 * again from its row by the relay.
 */
@ApplicationScoped
public class OutboxProducerRetries implements ClientCustomizer<Map<String, Object>> {

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (OutboxRelay.CHANNEL.equals(channel)) {
            config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        }
        return config;
    }
}
