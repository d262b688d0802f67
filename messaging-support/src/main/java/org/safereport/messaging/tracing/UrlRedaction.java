package org.safereport.messaging.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Keeps what a request's URL says about a person out of HTTP spans: query strings can hold an address (the
 * policy explanation's {@code reporter}) and paths a secret (an acknowledgement token, a short link). The
 * span's name and {@code http.route} still say which endpoint it was, as a template.
 */
@ApplicationScoped
public class UrlRedaction implements SpanProcessor {

    static final String REDACTED = "redacted";
    private static final List<AttributeKey<String>> URL_PARTS = List.of(
            AttributeKey.stringKey("url.path"), AttributeKey.stringKey("url.query"), AttributeKey.stringKey("url.full"));

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> part : URL_PARTS) {
            String value = span.getAttribute(part);
            if (value != null && !value.isEmpty()) {
                span.setAttribute(part, REDACTED);
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
