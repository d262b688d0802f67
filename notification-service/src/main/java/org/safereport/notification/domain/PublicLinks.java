package org.safereport.notification.domain;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The links a message carries, made absolute on SafeReport's public address. */
public final class PublicLinks {

    private PublicLinks() {
    }

    /**
     * @param link an absolute {@code http(s)} link, or a path under {@code publicBaseUrl}
     * @return the absolute link, or "" when there is none or it cannot be made absolute (or is not http(s))
     */
    public static String absolute(Optional<URI> publicBaseUrl, String link) {
        if (link == null || link.isBlank()) {
            return "";
        }
        String trimmed = link.strip();
        if (trimmed.startsWith("https://") || trimmed.startsWith("http://")) {
            return trimmed.matches("\\S+") ? trimmed : "";
        }
        if (trimmed.startsWith("/") && publicBaseUrl.isPresent() && trimmed.matches("\\S+")) {
            return base(publicBaseUrl.get()) + trimmed;
        }
        return "";
    }

    /** The case's page, {@code <publicBaseUrl>/cases/<reference>}; "" without a public address or a reference. */
    public static String casePage(Optional<URI> publicBaseUrl, String reference) {
        if (publicBaseUrl.isEmpty() || reference == null || reference.isBlank()) {
            return "";
        }
        return base(publicBaseUrl.get()) + "/cases/" + URLEncoder.encode(reference, StandardCharsets.UTF_8);
    }

    private static String base(URI publicBaseUrl) {
        return publicBaseUrl.toString().replaceAll("/+$", "");
    }
}
