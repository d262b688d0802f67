package org.safereport.escalation.api;

import io.vertx.core.http.HttpServerRequest;

/** The browser's address as the audit trail records it (behind the Ingress, from X-Forwarded-For). */
final class ClientAddress {

    private ClientAddress() {
    }

    /** The address, or null when the connection has none (e.g. a local socket). */
    static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
