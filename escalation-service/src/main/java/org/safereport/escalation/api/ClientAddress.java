package org.safereport.escalation.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import org.safereport.escalation.audit.AuditTrail;

/** The browser's address as the audit trail records it (behind the Ingress, from X-Forwarded-For). */
final class ClientAddress {

    private ClientAddress() {
    }

    /** The address, or null when the connection has none (e.g. a local socket). */
    static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    /** The member of staff signed in on a page, as the audit trail records them. */
    static AuditTrail.Actor actor(SecurityIdentity identity, HttpServerRequest request) {
        return new AuditTrail.Actor(identity.getPrincipal().getName(), of(request));
    }
}
