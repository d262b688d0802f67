package org.safereport.messaging.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A span's W3C trace context as text ({@code traceparent}, and {@code tracestate} when there is one), stored
 * beside the work that the span caused so that the thread which does the work later (the outbox relay, the
 * notification dispatcher) continues the same trace.
 *
 * @param traceparent null when the work was done outside any span
 */
public record TraceContext(String traceparent, String tracestate) {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    /** The context of the span current on this thread. */
    public static TraceContext current() {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return new TraceContext(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** The context a Kafka record carries in its headers. */
    public static TraceContext of(Headers headers) {
        return new TraceContext(lastValue(headers, TRACEPARENT), lastValue(headers, TRACESTATE));
    }

    /** The context to start child spans in; a new trace's root when there is none. */
    public Context restore() {
        return W3C.extract(Context.root(), this, FIELDS);
    }

    private static String lastValue(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static final TextMapGetter<TraceContext> FIELDS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return switch (key) {
                case TRACEPARENT -> carrier.traceparent();
                case TRACESTATE -> carrier.tracestate();
                default -> null;
            };
        }
    };
}
