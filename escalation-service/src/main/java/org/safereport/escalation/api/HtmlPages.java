package org.safereport.escalation.api;

import jakarta.ws.rs.core.Response;

/**
 * The headers every page of this service is served with: not cached (they show a case), no referrer
 * (their URLs carry tokens and references), no scripts, styles and images from this service only, no
 * framing, forms only back to this service.
 */
final class HtmlPages {

    private HtmlPages() {
    }

    static Response page(int status, String html) {
        return Response.status(status)
                .entity(html)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .build();
    }
}
